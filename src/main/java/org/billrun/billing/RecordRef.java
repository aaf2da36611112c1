package org.billrun.billing;

/**
 * Which stored record a finding or a line is about: its kind, the id of the version row it was read
 * from, its record id in the export, and where it came from (file and physical line).
 */
public record RecordRef(RecordKind kind, long rowId, String key, String file, int line) {

    public String where() {
        return file == null ? key : file + " line " + line;
    }
}
