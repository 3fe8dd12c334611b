package io.hearth.core.persistence;

import java.util.Collection;
import java.util.UUID;
import java.util.function.IntFunction;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * "The field is one of these values" with the values as one array parameter: {@code = ANY(?)} on
 * PostgreSQL, {@code IN (UNNEST(?))} on HSQLDB, both walking the field's index. An {@code IN} list
 * renders and binds every value and makes a new statement text for every length, which HSQLDB
 * then compiles afresh: for the pages of a list or a queue read that was most of the lookup.
 */
final class ArrayParameters {
    private ArrayParameters() {}

    static Condition oneOf(DSLContext dsl, Field<UUID> field, Collection<UUID> ids) {
        return oneOf(dsl, field, ids, UUID[]::new);
    }

    static <T> Condition oneOf(DSLContext dsl, Field<T> field, Collection<T> values, IntFunction<T[]> array) {
        T[] parameter = values.toArray(array);
        if (parameter.length == 1) {
            // one value (a single lead's reads) has one statement text anyway: a plain comparison
            // binds one value instead of an array
            return field.eq(parameter[0]);
        }
        if (dsl.dialect().family() == SQLDialect.POSTGRES) {
            return field.eq(DSL.any(parameter));
        }
        return DSL.condition(
                "{0} in (unnest(cast({1} as {2} array)))",
                field, DSL.val(parameter), DSL.keyword(field.getDataType().getCastTypeName(dsl.configuration())));
    }
}
