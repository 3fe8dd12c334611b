package io.hearth.core.auth;

/**
 * What a token's holder may do: which people they see and change ({@link Principal#scope()}, put
 * into the store queries), and which calls they may make at all ({@link CurrentCaller#require}):
 * imports and sync runs need a manager, connections and tokens an admin. Declared lowest first.
 */
public enum Role {
    /** Their own people and opportunities, plus unowned inbound leads offered to them. */
    REP,
    /** Everything of their team. */
    MANAGER,
    /** Everything, including users, tokens, connections and settings. */
    ADMIN
}
