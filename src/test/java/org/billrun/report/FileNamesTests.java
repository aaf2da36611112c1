package org.billrun.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FileNamesTests {

    @Test
    void idsBecomeFileNamesThatStayInTheReportFolder() {
        assertThat(FileNames.safe("E-009")).isEqualTo("E-009");
        assertThat(FileNames.safe("finance@northwind.example")).isEqualTo("finance_northwind.example");
        assertThat(FileNames.safe("../../etc/passwd")).isEqualTo("_._.._etc_passwd");
        assertThat(FileNames.safe("王芳 / PM")).isEqualTo("_____PM");
        assertThat(FileNames.safe(null)).isEqualTo("unknown");
    }

    @Test
    void twoIdsNeverShareAFileNotEvenByCaseAndAReservedNameStaysFree() {
        FileNames.Unique names = new FileNames.Unique("all");
        assertThat(names.name("a/b")).isEqualTo("a_b");
        assertThat(names.name("a_b")).isEqualTo("a_b-2");
        assertThat(names.name("A_B")).isEqualTo("A_B-3");
        assertThat(names.name("all")).isEqualTo("all-2");
    }
}
