package org.billrun.validate;

import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * The time entry step's processor, one per partition. It holds the run's validator rather than asking the
 * {@link ValidationRun} (a synchronized getter) for every entry: that was a tenth of the step's CPU samples
 * at a million entries (README, benchmark-scale).
 */
class TimeEntryStream implements ItemProcessor<TimeEntryOfDay, ValidatedRecord> {

    private final TimeEntryValidator validator;

    TimeEntryStream(TimeEntryValidator validator) {
        this.validator = validator;
    }

    @Override
    public ValidatedRecord process(TimeEntryOfDay item) {
        return validator.validate(item.entry(), item.day());
    }
}
