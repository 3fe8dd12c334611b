package io.hearth.core.persistence;

import static io.hearth.core.persistence.generated.Tables.API_TOKEN;
import static io.hearth.core.persistence.generated.Tables.CONTACT;
import static io.hearth.core.persistence.generated.Tables.LEAD;

import io.hearth.core.person.Scope;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * A caller's {@link Scope} as a condition on an owner column, for every table that keeps whose a
 * person is (leads, contacts, the work queue): one rule, in the query itself.
 */
final class OwnerScope {
    private OwnerScope() {}

    /**
     * The rows {@code scope} may see: a rep's own, a manager's and their team's (the team's members
     * are the users its tokens name), everyone's; unowned rows are in every scope.
     */
    static Condition visibleTo(Field<String> owner, Scope scope) {
        if (scope instanceof Scope.Own own) {
            return visibleTo(owner, scope, DSL.val(own.user()), null);
        }
        if (scope instanceof Scope.Team team) {
            return visibleTo(owner, scope, DSL.val(team.user()), DSL.val(team.team()));
        }
        return DSL.noCondition();
    }

    /** The parameter names of {@link #visibleToParameters}. */
    static final String USER = "scope_user";

    static final String TEAM = "scope_team";

    /**
     * {@link #visibleTo(Field, Scope)} for any scope of {@code scope}'s kind, its user and team left
     * as the named parameters {@link #USER} and {@link #TEAM} ({@link #parameters}), for a query
     * rendered once per kind of scope.
     */
    static Condition visibleToParameters(Field<String> owner, Scope scope) {
        return visibleTo(owner, scope, DSL.param(USER, String.class), DSL.param(TEAM, String.class));
    }

    /** The values of {@link #visibleToParameters}'s parameters for {@code scope}. */
    static Map<String, Object> parameters(Scope scope) {
        Map<String, Object> values = new HashMap<>();
        if (scope instanceof Scope.Own own) {
            values.put(USER, own.user());
        } else if (scope instanceof Scope.Team team) {
            values.put(USER, team.user());
            values.put(TEAM, team.team());
        }
        return values;
    }

    private static Condition visibleTo(Field<String> owner, Scope scope, Field<String> user, Field<String> team) {
        if (scope instanceof Scope.Own) {
            return owner.isNull().or(owner.eq(user));
        }
        if (scope instanceof Scope.Team) {
            return owner.isNull()
                    .or(owner.eq(user))
                    .or(owner.in(DSL.select(API_TOKEN.USER_NAME).from(API_TOKEN).where(API_TOKEN.TEAM.eq(team))));
        }
        return DSL.noCondition();
    }

    /**
     * The rows about a person {@code scope} may see, for tables that name the person by a lead id
     * or a contact id (touches): the person's owner decides, read in the same query.
     */
    static Condition personVisible(Field<UUID> leadId, Field<UUID> contactId, Scope scope) {
        if (scope instanceof Scope.Everyone) {
            return DSL.noCondition();
        }
        return leadId.in(DSL.select(LEAD.ID).from(LEAD).where(visibleTo(LEAD.OWNER, scope)))
                .or(contactId.in(DSL.select(CONTACT.ID).from(CONTACT).where(visibleTo(CONTACT.OWNER, scope))));
    }
}
