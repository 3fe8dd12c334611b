package io.hearth.core.priority;

/** How likely and how soon a person is to buy, hottest first. */
public enum Temperature {
    HOT,
    WARM,
    COOL,
    COLD
}
