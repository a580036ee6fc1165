package dev.murmur.node.watch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * What a set of files looked like when last read: modification time and size of each. Polling
 * stamps is portable (inotify misses edits through symlink swaps such as Kubernetes secrets) and
 * costs one stat per file per interval.
 */
public record FileStamp(List<String> parts) {
    public static FileStamp of(List<Path> files) {
        List<String> parts = new ArrayList<>(files.size());
        for (Path f : files) {
            try {
                BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
                parts.add(f + "@" + a.lastModifiedTime().toMillis() + "/" + a.size() + "/" + a.fileKey());
            } catch (IOException e) {
                parts.add(f + "@missing");
            }
        }
        return new FileStamp(List.copyOf(parts));
    }
}
