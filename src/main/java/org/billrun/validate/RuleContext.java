package org.billrun.validate;

import java.time.Instant;
import java.time.YearMonth;
import org.billrun.billing.MasterData;

/** What every record rule can check against: the period, its cutoff and the master data. */
public interface RuleContext {

    YearMonth period();

    Instant cutoff();

    MasterData master();
}
