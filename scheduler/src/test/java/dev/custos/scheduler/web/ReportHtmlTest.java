package dev.custos.scheduler.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReportHtmlTest {

    private static final String PAGE = """
            <!DOCTYPE html><html><head><style>body { color: red; }</style><script>alert(1)</script></head>
            <body onload="alert(2)"><h1 class="title">KPI report 2026</h1>
            <p class="tally"><span class="badge met" style="color: red">✓ 1 met</span></p>
            <table><tr class="missed"><td class="num" onclick="alert(3)">5</td></tr></table>
            <figure><figcaption>Chart</figcaption><svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 10 10"
            role="img" aria-label="bars"><rect x="1" y="2" width="3" height="4" fill="#2e7d32"><title>bar</title></rect>
            <line x1="0" x2="10" y1="5" y2="5" stroke="#000"/><text x="1" y="9" text-anchor="start">0%</text></svg></figure>
            <ul class="files"><li><a href="../../training-coverage/2026-Q1/gaps.csv">gaps.csv</a></li></ul>
            <script>alert(4)</script><img src="https://elsewhere.example/x.png"><iframe src="/"></iframe></body></html>
            """;

    @Test
    void theReportKeepsItsTextTablesBadgesAndChartsAndLosesEverythingThatRunsStylesOrLoads() {
        String body = ReportHtml.body(PAGE);

        assertThat(body).contains("KPI report 2026").contains("class=\"badge met\"").contains("class=\"missed\"")
                .contains("<td class=\"num\">5</td>").contains("<figcaption>Chart</figcaption>")
                .containsIgnoringCase("viewBox=\"0 0 10 10\"").contains("fill=\"#2e7d32\"").contains("<title>bar</title>")
                .contains("text-anchor=\"start\"").contains("gaps.csv");
        assertThat(body.toLowerCase()).doesNotContain("<script").doesNotContain("alert").doesNotContain("style")
                .doesNotContain("onload").doesNotContain("onclick").doesNotContain("<a ").doesNotContain("href")
                .doesNotContain("<img").doesNotContain("<iframe").doesNotContain("elsewhere.example");
    }
}
