package org.billrun.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The examples in jobs/ name the billrun this build makes, not an older one. */
class SchedulerExamplesTests {

    private static final Pattern PROJECT_VERSION = Pattern.compile("</parent>.*?<version>([^<]+)</version>", Pattern.DOTALL);
    private static final Pattern IMAGE = Pattern.compile("image:\\s*\\S*billrun:([^\\s#]+)");

    @Test
    void everyContainerImageInTheJobExamplesIsTaggedWithThePomsVersion() throws IOException {
        Matcher pom = PROJECT_VERSION.matcher(Files.readString(Path.of("pom.xml")));
        assertThat(pom.find()).as("the project's <version> after <parent> in pom.xml").isTrue();
        String release = pom.group(1).replaceFirst("-SNAPSHOT$", "");

        List<String> tags = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("jobs"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Matcher image = IMAGE.matcher(Files.readString(file));
                while (image.find()) {
                    tags.add(file + ": " + image.group(1));
                }
            }
        }

        assertThat(tags).isNotEmpty().allSatisfy(tag -> assertThat(tag).endsWith(": " + release));
    }
}
