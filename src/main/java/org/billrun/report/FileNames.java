package org.billrun.report;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * File names made from ids (owner ids, draft ids): letters, digits, '.', '-' and '_' are kept, anything
 * else (a '/', a space, an '@' of an e-mail owner) becomes '_', so an id can never leave the report
 * folder or trip a file system. {@link Unique} adds a suffix when two ids map to the same name, or
 * only differ in case (macOS and Windows folders ignore case).
 */
final class FileNames {

    private FileNames() {}

    static String safe(String id) {
        String name = id == null || id.isBlank() ? "unknown" : id.strip().replaceAll("[^A-Za-z0-9._-]", "_");
        return name.startsWith(".") ? "_" + name.substring(1) : name;
    }

    /** Safe names, none used twice. */
    static final class Unique {

        private final Set<String> taken = new HashSet<>();

        Unique(String... reserved) {
            for (String r : reserved) {
                taken.add(r.toLowerCase(Locale.ROOT));
            }
        }

        String name(String id) {
            String base = safe(id);
            String name = base;
            for (int n = 2; !taken.add(name.toLowerCase(Locale.ROOT)); n++) {
                name = base + "-" + n;
            }
            return name;
        }
    }
}
