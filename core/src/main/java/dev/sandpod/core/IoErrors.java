package dev.sandpod.core;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * Says what an I/O failure was in words: the JDK's file exceptions often carry only the path as their message.
 * Callers name the path themselves.
 */
public final class IoErrors {
    private IoErrors() {
    }

    public static String describe(IOException e) {
        return switch (e) {
            case NoSuchFileException n -> "no such file or directory";
            case AccessDeniedException a -> "permission denied";
            case FileAlreadyExistsException f -> "it already exists";
            case NotDirectoryException n -> "a part of the path is not a directory";
            case DirectoryNotEmptyException d -> "the directory is not empty";
            case FileSystemException f when f.getReason() != null -> f.getReason();
            default -> e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        };
    }
}
