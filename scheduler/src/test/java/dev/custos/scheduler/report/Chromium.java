package dev.custos.scheduler.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's headless Chromium, as a person's browser would open a report: a screenshot of the
 * page, or the DOM after rendering. Missing Chromium fails the test (ops/test installs it).
 */
final class Chromium {

    private static final Path BINARY = Path.of("/usr/bin/chromium");

    private Chromium() {
    }

    static Path screenshot(Path page, Path png) throws Exception {
        Files.createDirectories(png.toAbsolutePath().getParent());
        Files.deleteIfExists(png);
        run(page, "--screenshot=" + png.toAbsolutePath(), "--window-size=1200,2000");
        return png;
    }

    static String dumpDom(Path page) throws Exception {
        return run(page, "--dump-dom");
    }

    /**
     * The boxes of the texts that a person sees in the page's charts, as Chromium laid
     * them out at 1200 px: a copy of the page gets a script that writes each box into the DOM,
     * which is dumped and read back. The report itself has no script.
     */
    static List<TextBox> textBoxes(Path page) throws Exception {
        Path copy = Files.createTempFile(page.toAbsolutePath().getParent(), "boxes-", ".html");
        try {
            String html = Files.readString(page, StandardCharsets.UTF_8);
            Files.writeString(copy, html.replace("</body>", BOX_SCRIPT + "</body>"), StandardCharsets.UTF_8);
            String dom = run(copy, "--window-size=1200,2000", "--virtual-time-budget=2000", "--dump-dom");
            int start = dom.indexOf("<pre id=\"text-boxes\">");
            if (start < 0) {
                throw new IllegalStateException("the box script did not run on " + page);
            }
            String boxes = dom.substring(dom.indexOf('>', start) + 1, dom.indexOf("</pre>", start));
            List<TextBox> result = new ArrayList<>();
            for (String line : boxes.split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t");
                result.add(new TextBox(f[0], unescape(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3]),
                        Double.parseDouble(f[4]), Double.parseDouble(f[5])));
            }
            return result;
        } finally {
            Files.deleteIfExists(copy);
        }
    }

    private static final String BOX_SCRIPT = """
            <script>
            const lines = [];
            document.querySelectorAll('svg').forEach((svg, index) => {
              svg.querySelectorAll('text').forEach(text => {
                const r = text.getBoundingClientRect();
                if (r.width > 0) {
                  lines.push(['chart ' + index, text.textContent.replace(/[\\t\\n]/g, ' '), r.left, r.top, r.right, r.bottom].join('\\t'));
                }
              });
            });
            const pre = document.createElement('pre');
            pre.id = 'text-boxes';
            pre.textContent = lines.join('\\n');
            document.body.appendChild(pre);
            </script>
            """;

    private static String unescape(String text) {
        return text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&");
    }

    /** Where a text was drawn, in CSS pixels; {@code group} is the chart it belongs to. */
    record TextBox(String group, String text, double left, double top, double right, double bottom) {

        /** Whether the two boxes share more than a hair (anti-aliasing rounds a box out by a pixel). */
        boolean overlaps(TextBox other) {
            double tolerance = 0.5;
            return left < other.right - tolerance && other.left < right - tolerance
                    && top < other.bottom - tolerance && other.top < bottom - tolerance;
        }
    }

    private static String run(Path page, String... options) throws Exception {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException(BINARY + " is missing: install Debian's chromium package "
                    + "(apt-get install -y chromium); ops/test does");
        }
        Path profile = Files.createTempDirectory("custos-chromium");
        List<String> command = new ArrayList<>(List.of(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile));
        command.addAll(List.of(options));
        command.add(page.toAbsolutePath().toUri().toString());
        Path output = Files.createTempFile("custos-chromium", ".out");
        Process process = new ProcessBuilder(command).redirectOutput(output.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            if (!process.waitFor(3, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("chromium did not finish rendering " + page);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("chromium exited with " + process.exitValue() + " on " + page);
            }
            return Files.readString(output, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(output);
            deleteRecursively(profile);
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
