package dev.sandpod.runtime.exec;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StartFailuresTest {
    @Test
    void aCommandNotFoundIs127() {
        assertEquals(127, StartFailures.exitCode(
                "exec failed: unable to start container process: exec: \"nope\": executable file not found in $PATH"));
    }

    @Test
    void aCommandThatCantBeExecutedIs126() {
        assertEquals(126, StartFailures.exitCode(
                "exec failed: unable to start container process: exec: \"/etc\": permission denied"));
    }

    @Test
    void aMissingWorkingDirectoryIs126() {
        assertEquals(126, StartFailures.exitCode("exec failed: unable to start container process: chdir to cwd "
                + "(\"/nonexist\") set in config.json failed: no such file or directory"));
    }

    @Test
    void aContainerThatIsGoneIsTheContainersFailureNotTheCommands() {
        assertTrue(StartFailures.containerGone("exec failed: container does not exist"));
        assertTrue(StartFailures.containerGone("cannot exec in a stopped container"));
        assertFalse(StartFailures.containerGone(
                "exec failed: unable to start container process: exec: \"stopped\": executable file not found in $PATH"));
    }

    @Test
    void theLastErrorOfTheJsonLogIsTheReason() {
        List<String> log = List.of("{\"level\":\"warning\",\"msg\":\"w\",\"time\":\"t\"}",
                "not json", "{\"level\":\"error\",\"msg\":\"exec failed: \\\"x\\\" gone\",\"time\":\"t\"}");
        assertEquals(Optional.of("exec failed: \"x\" gone"), StartFailures.lastError(log));
        assertEquals(Optional.empty(), StartFailures.lastError(List.of()));
    }

    @Test
    void runscsReasonComesFromItsStderrWhenItExits128() {
        byte[] stderr = ("executing processes for container: executing command \"nope\" in sandbox: error finding "
                + "executable \"nope\" in PATH [/bin]: no such file or directory\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String reason = StartFailures.runsc(128, stderr).orElseThrow();
        assertEquals(127, StartFailures.exitCode(reason));
        assertEquals(Optional.empty(), StartFailures.runsc(128, "the command's own words".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertEquals(Optional.empty(), StartFailures.runsc(0, stderr));
    }
}
