package org.billrun.cli;

import org.billrun.approval.Acting;
import org.billrun.infra.Actor;
import picocli.CommandLine.Option;

/** The --as option of the approval actions: an administrator acting for a person of the directory. */
class ActingOption {

    @Option(names = "--as", paramLabel = "USER", description = "Act for this person of the directory (admin role only; audited as \"you acting as USER\").")
    String as;

    /** Who acts: the command's actor, for the person named by --as if given. */
    Acting acting(AppContext app) {
        return new Acting(app.bean(Actor.class).name(), as);
    }
}
