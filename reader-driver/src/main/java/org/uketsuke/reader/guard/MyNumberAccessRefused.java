package org.uketsuke.reader.guard;

/**
 * A command that could reach the My Number (告知要求制限) or personal data we have no right to read was stopped
 * before it left the process. Always a bug in the caller: unchecked on purpose.
 */
public final class MyNumberAccessRefused extends IllegalStateException {

    public MyNumberAccessRefused(String why) {
        super(why);
    }
}
