package org.billrun.credit;

import java.time.YearMonth;
import java.util.List;
import org.billrun.draft.port.Rebills;
import org.springframework.stereotype.Component;

/** What drafting rebills: the records of the lines approved credits with {@code --rebill} gave back ({@link CreditQueries#approvedRebills}). */
@Component
class CreditRebills implements Rebills {

    private final CreditQueries queries;

    CreditRebills(CreditQueries queries) {
        this.queries = queries;
    }

    @Override
    public List<Reopened> approved(YearMonth period) {
        return queries.approvedRebills(period.toString());
    }
}
