package io.hearth.core.auth;

/**
 * What a token's holder may do. For now every role may call the lead and contact API and only
 * {@link #ADMIN} may administer tokens; scoping a rep to their own people and a manager to their
 * team's comes with the store queries that take a {@link Principal}.
 */
public enum Role {
    /** Their own people and opportunities, plus unowned inbound leads offered to them. */
    REP,
    /** Everything of their team. */
    MANAGER,
    /** Everything, including users, tokens, connections and settings. */
    ADMIN
}
