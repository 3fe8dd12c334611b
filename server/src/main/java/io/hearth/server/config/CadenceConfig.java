package io.hearth.server.config;

/**
 * The team's follow-up cadence settings; the step sequence is the default three-prong one.
 *
 * @param autoConvert true: a positive reply or booked meeting converts the lead; false: only suggests it
 */
public record CadenceConfig(int leadFollowUpLimit, int contactFollowUpLimit, boolean autoConvert) {
    /** 2 follow-ups for a lead, 8 for a contact, conversion on a positive outcome. */
    public static final CadenceConfig DEFAULTS = new CadenceConfig(2, 8, true);

    public CadenceConfig {
        if (leadFollowUpLimit < 1 || leadFollowUpLimit > 50) {
            throw new IllegalArgumentException(
                    "lead follow-up limit must be between 1 and 50, got " + leadFollowUpLimit);
        }
        if (contactFollowUpLimit < 1 || contactFollowUpLimit > 50) {
            throw new IllegalArgumentException(
                    "contact follow-up limit must be between 1 and 50, got " + contactFollowUpLimit);
        }
    }
}
