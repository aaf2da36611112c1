package org.billrun.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The approve-batch file: a header, then one draft and person per line, in order. */
class ApproveBatchCommandTests {

    @TempDir
    Path temp;

    private Path file(String content) throws IOException {
        return Files.writeString(temp.resolve("approvals.csv"), content);
    }

    @Test
    void linesKeepTheirOrderAndTheirLineNumbers() throws IOException {
        assertThat(ApproveBatchCommand.read(file("draft_id,user_id\n2026-10-NWDE-K-ACME-1,E-002\n\n2026-10-NWDE-K-ACME-1, E-001 \n")))
                .containsExactly(new ApproveBatchCommand.Line(2, "2026-10-NWDE-K-ACME-1", "E-002"),
                        new ApproveBatchCommand.Line(4, "2026-10-NWDE-K-ACME-1", "E-001"));
    }

    @Test
    void aFileWithoutTheHeaderOrWithABadLineIsBadUsageNamingTheLine() throws IOException {
        assertThatThrownBy(() -> ApproveBatchCommand.read(file("D-1,E-002\n"))).isInstanceOf(UsageException.class)
                .hasMessageContaining("the first line must be the header draft_id,user_id");
        assertThatThrownBy(() -> ApproveBatchCommand.read(file("draft_id,user_id\nD-1\n"))).isInstanceOf(UsageException.class)
                .hasMessageContaining("line 2: expected draft_id,user_id, not 'D-1'");
        assertThatThrownBy(() -> ApproveBatchCommand.read(temp.resolve("missing.csv"))).isInstanceOf(UsageException.class)
                .hasMessageContaining("cannot read");
    }
}
