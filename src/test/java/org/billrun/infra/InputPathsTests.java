package org.billrun.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Input paths that are there but unusable are named for what they are; only nothing at all is "missing". */
class InputPathsTests {

    @TempDir
    Path dir;

    @Test
    void aReadableFileAndNothingAtAllAreNotUnusableFiles() throws Exception {
        Path file = Files.writeString(dir.resolve("tasks.csv"), "task_id\n");

        assertThat(InputPaths.unusableFile(file)).isEmpty();
        assertThat(InputPaths.unusableFile(dir.resolve("absent.csv"))).isEmpty();
        assertThat(InputPaths.anythingAt(dir.resolve("absent.csv"))).isFalse();
    }

    @Test
    void aFolderWhereAFileShouldBe() throws Exception {
        assertThat(InputPaths.unusableFile(Files.createDirectory(dir.resolve("tasks.csv")))).contains("is a folder, not a file");
    }

    @Test
    void aSymbolicLinkToItselfLoopsAndOneToNothingLeadsNowhere() throws Exception {
        Path loop = Files.createSymbolicLink(dir.resolve("loop.csv"), dir.resolve("loop.csv"));
        Path a = dir.resolve("a.csv");
        Files.createSymbolicLink(a, Files.createSymbolicLink(dir.resolve("b.csv"), a));
        Path dangling = Files.createSymbolicLink(dir.resolve("dangling.csv"), dir.resolve("gone.csv"));

        assertThat(InputPaths.unusableFile(loop)).contains("is a symbolic link that loops (it leads back to itself)");
        assertThat(InputPaths.unusableFile(a)).contains("is a symbolic link that loops (it leads back to itself)");
        assertThat(InputPaths.unusableFile(dangling)).contains("is a symbolic link to " + dir.resolve("gone.csv") + ", which does not exist");
        assertThat(InputPaths.anythingAt(loop)).isTrue();
    }

    @Test
    void aFolderThatIsAFileOrNothing() throws Exception {
        assertThat(InputPaths.unusableFolder(dir)).isEmpty();
        assertThat(InputPaths.unusableFolder(Files.writeString(dir.resolve("firm"), "x"))).contains("is a file, not a folder");
        assertThat(InputPaths.unusableFolder(dir.resolve("nope"))).contains("does not exist");
        assertThat(InputPaths.unusableFolder(Files.createSymbolicLink(dir.resolve("self"), dir.resolve("self"))))
                .contains("is a symbolic link that loops (it leads back to itself)");
    }
}
