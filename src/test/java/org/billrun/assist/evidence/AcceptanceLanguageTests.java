package org.billrun.assist.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AcceptanceLanguageTests {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            we accept milestone                                        | ACCEPTS
            the deliverable is signed off                              | ACCEPTS
            we approved the deliverable on 27 October                  | ACCEPTS
            no objections from our side                                | ACCEPTS
            Wir haben den Meilenstein abgenommen                       | ACCEPTS
            Nous acceptons le jalon                                    | ACCEPTS
            is not yet accepted                                        | NOT_YET
            isn’t signed off                                           | NOT_YET
            we will review next week                                   | NOT_YET
            still pending                                              | NOT_YET
            ist noch nicht abgenommen                                  | NOT_YET
            we accept it once the matrix is fixed                      | NOT_YET
            we reject the draft                                        | REJECTS
            the deliverable was rejected by QA                         | REJECTS
            we cannot accept the document in this form                 | REJECTS
            please sign off                                            | REQUESTS
            attached for your approval                                 | REQUESTS
            is accepted when the COO signs the certificate             | TERMS
            shall be deemed accepted after ten days                    | TERMS
            did you accept it?                                         | QUESTION
            thanks for the workshop                                    | MENTION
            """)
    void judgesAClause(String clause, MentionKind expected) {
        assertThat(AcceptanceLanguage.judge(clause, false).kind()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            we accept milestone                 | true  | true
            Cascade signed off                  | true  | false
            the deliverable is approved         | false | false
            """)
    void tellsStrongFromWeakWordsAndWhoSpeaks(String clause, boolean strong, boolean firstPerson) {
        AcceptanceLanguage.Verdict verdict = AcceptanceLanguage.judge(clause, false);

        assertThat(verdict.kind()).isEqualTo(MentionKind.ACCEPTS);
        assertThat(verdict.strong()).isEqualTo(strong);
        assertThat(verdict.firstPerson()).isEqualTo(firstPerson);
    }
}
