package org.billrun.assist.reason;

/**
 * A word of the text and how strongly it favoured the suggested reason over the runner-up, in log
 * odds after calibration (the scale of the confidence): +1.0 makes the suggestion e (2.7) times as
 * likely relative to the runner-up.
 */
public record DecidingWord(String words, double weight) {

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "'%s' %+.2f", words, weight);
    }
}
