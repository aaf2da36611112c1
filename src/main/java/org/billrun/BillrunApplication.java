package org.billrun;

import org.billrun.cli.BillrunCli;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * billrun's entry point. The command line is parsed first (picocli); commands that need the
 * database start the Spring context themselves, so --help, --version and generate start no database.
 */
@SpringBootApplication
public class BillrunApplication {

    public static void main(String[] args) {
        System.exit(BillrunCli.execute(args));
    }
}
