package org.billrun.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.billrun.delivery.DeliveryService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "deliver", mixinStandardHelpOptions = true,
        description = {"Deliver each posted invoice to its client once, by e-mail or to the Peppol access point's outbox, as clients.csv's delivery_channel asks.",
                "E-mail: to the client's billing addresses with the final PDF and the UBL e-invoice the post job stored (whichever ERP"
                        + " adapter posted it). Peppol: the UBL to <outbox>/peppol/<entity>/<final number>.xml"
                        + " (BILLRUN_PEPPOL_OUTBOX_DIR). Without delivery_channel: e-mail when the client has an address.",
                "SMTP from spring.mail.* (SPRING_MAIL_HOST, SPRING_MAIL_PORT, SPRING_MAIL_USERNAME; the password from an owner-only file"
                        + " named by BILLRUN_DELIVERY_SMTP_PASSWORD_FILE, or from"
                        + " SPRING_MAIL_PASSWORD), the sender from BILLRUN_DELIVERY_FROM. An invoice version is mailed once: the delivery"
                        + " ledger keeps its Message-ID; a failed one is tried again by the next deliver.",
                "Exit codes: 0 delivered (or nothing to deliver), 10 a delivery failed, 2 SMTP or sender not set, 4 database unreachable,"
                        + " 1 internal error."})
class DeliverCommand implements Callable<Integer> {

    @ParentCommand
    BillrunCli root;

    @Spec
    CommandSpec spec;

    @Option(names = "--entity", paramLabel = "ENTITY", description = "Only this legal entity's invoices (default: every entity).")
    String entity;

    @Option(names = "--outbox", paramLabel = "DIR", description = "The file outbox's folder (default: $BILLRUN_OUTBOX_DIR, else outbox"
            + " beside the data directory).")
    Path outbox;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (AppContext app = root.open(true, root.outbox(outbox))) {
            DeliveryService.Report report;
            try {
                report = app.bean(DeliveryService.class).deliver(entity);
            } catch (IllegalStateException notSetUp) {
                throw new UsageException(notSetUp.getMessage(), notSetUp);
            }
            out.printf("%d mailed, %d to the Peppol outbox, %d failed, %d already delivered, %d without an e-mail address or channel%n",
                    report.sent(), report.toPeppol(), report.failed(), report.alreadyDelivered(), report.withoutEmail());
            report.failures().forEach(f -> out.println("failed: " + f));
            out.flush();
            return report.failed() > 0 ? ExitCodes.POSTING_FAILED : ExitCodes.OK;
        }
    }
}
