package dev.sandpod.runtime.exec;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HeadTailBufferTest {
    private static void write(HeadTailBuffer b, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        b.write(bytes, 0, bytes.length);
    }

    private static String kept(HeadTailBuffer b) {
        return new String(b.captured().bytes(), StandardCharsets.UTF_8);
    }

    @Test
    void outputWithinTheLimitIsKeptWhole() {
        HeadTailBuffer b = new HeadTailBuffer(10);
        write(b, "hello");
        write(b, "world");
        assertEquals("helloworld", kept(b));
        assertFalse(b.captured().truncated());
    }

    @Test
    void pastTheLimitTheFirstAndLastHalvesAreKept() {
        HeadTailBuffer b = new HeadTailBuffer(6);
        write(b, "abcdefghij");
        assertEquals("abchij", kept(b));
        assertEquals(4, b.droppedBytes());
        assertEquals(10, b.totalBytes());
    }

    @Test
    void theTailFollowsManySmallWritesAcrossTheRingsEnd() {
        HeadTailBuffer b = new HeadTailBuffer(4);
        for (char c = 'a'; c <= 'z'; c++) {
            write(b, String.valueOf(c));
        }
        assertEquals("abyz", kept(b));
        assertEquals(22, b.captured().droppedBytes());
    }

    @Test
    void aWriteLargerThanTheTailKeepsItsLastBytes() {
        HeadTailBuffer b = new HeadTailBuffer(5);
        write(b, "12");
        write(b, "345");
        write(b, "abcdefgh");
        assertEquals("123gh", kept(b));
    }

    @Test
    void aZeroLimitKeepsNothingAndCountsEverything() {
        HeadTailBuffer b = new HeadTailBuffer(0);
        write(b, "abc");
        assertEquals("", kept(b));
        assertEquals(3, b.droppedBytes());
        assertTrue(b.captured().truncated());
    }
}
