package org.billrun.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.billrun.billing.RuleCode;
import org.junit.jupiter.api.Test;

/** The README's rule catalog is the one people read: it must say what RuleCode does. */
class RuleCatalogDocumentationTests {

    @Test
    void theReadmeListsEveryRuleWithItsSeverityOwnerAndDescription() throws IOException {
        List<String> documented = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("README.md"), StandardCharsets.UTF_8)) {
            if (line.startsWith("| `") && line.contains("` | ")) {
                String[] cells = line.split("\\|");
                String code = cells[1].strip().replace("`", "");
                if (code.equals(code.toUpperCase(Locale.ROOT)) && code.contains("_")) {
                    documented.add(code + " | " + cells[2].strip() + " | " + cells[3].strip() + " | " + cells[4].strip());
                }
            }
        }

        List<String> catalog = Arrays.stream(RuleCode.values())
                .map(r -> r.name() + " | " + r.description() + " | " + r.defaultSeverity().label() + " | " + r.ownerRole().label())
                .toList();
        assertThat(documented).containsExactlyElementsOf(catalog);
    }
}
