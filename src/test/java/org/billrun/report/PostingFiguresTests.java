package org.billrun.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.billrun.report.port.RunPostings.EntityPostings;
import org.junit.jupiter.api.Test;

class PostingFiguresTests {

    @Test
    void eachEntityShowsPostedWaitingFailingLatencyAndFailureRate() {
        List<RunReport.Kpi> kpis = PostingFigures.kpis(List.of(
                new EntityPostings("DE01", 10, 7, 2, 1, Duration.ofMinutes(90), Duration.ofHours(5), 12, 3)));

        Map<String, RunReport.Kpi> byCode = kpis.stream().collect(Collectors.toMap(RunReport.Kpi::code, k -> k));
        assertThat(byCode.get("posting_posted")).extracting(RunReport.Kpi::value, RunReport.Kpi::denominator).containsExactly("7", "10");
        assertThat(byCode.get("posting_waiting").value()).isEqualTo("2");
        assertThat(byCode.get("posting_failing").value()).isEqualTo("1");
        assertThat(byCode.get("posting_latency_median").value()).isEqualTo("1.500");
        assertThat(byCode.get("posting_latency_p90").value()).isEqualTo("5.000");
        assertThat(byCode.get("posting_failure_rate")).extracting(RunReport.Kpi::value, RunReport.Kpi::numerator, RunReport.Kpi::denominator)
                .containsExactly("25.0", "3", "12");
        assertThat(kpis).allMatch(k -> k.name().endsWith("entity DE01"));
    }

    @Test
    void nothingApprovedYetMeansNoPostingFiguresAndNothingPostedNoLatency() {
        assertThat(PostingFigures.kpis(List.of())).isEmpty();
        List<RunReport.Kpi> kpis = PostingFigures.kpis(List.of(new EntityPostings("GB01", 3, 0, 3, 0, null, null, 0, 0)));
        assertThat(kpis).filteredOn(k -> k.code().startsWith("posting_latency")).allMatch(k -> k.value() == null);
        assertThat(kpis).filteredOn(k -> k.code().equals("posting_failure_rate")).singleElement().extracting(RunReport.Kpi::value)
                .isEqualTo("0");
    }
}
