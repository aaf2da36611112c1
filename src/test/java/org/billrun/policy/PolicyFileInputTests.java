package org.billrun.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A policy file that is there but cannot be read is an error saying why, never a silent fall-back to the defaults. */
class PolicyFileInputTests {

    @TempDir
    Path input;

    @Test
    void aFolderNamedPolicyPropertiesIsAnErrorNotTheDefaults() throws Exception {
        Path folder = Files.createDirectory(input.resolve(PolicyFile.FILE_NAME));

        assertThatThrownBy(() -> PolicyFile.forInput(input)).isInstanceOf(PolicyFile.PolicyException.class)
                .hasMessage("policy file " + folder + " is a folder, not a file");
    }

    @Test
    void aLoopingLinkGivenWithPolicyIsNamedAsALoop() throws Exception {
        Path loop = Files.createSymbolicLink(input.resolve("loop.properties"), input.resolve("loop.properties"));

        assertThatThrownBy(() -> PolicyFile.read(loop)).isInstanceOf(PolicyFile.PolicyException.class)
                .hasMessage("policy file " + loop + " is a symbolic link that loops (it leads back to itself)");
    }

    @Test
    void noPolicyFileAtAllStillMeansTheDefaults() {
        assertThat(PolicyFile.forInput(input).source()).isEqualTo("(defaults)");
    }
}
