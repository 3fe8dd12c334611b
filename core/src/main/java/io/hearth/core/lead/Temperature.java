package io.hearth.core.lead;

/** How likely and how soon a person is to buy, hottest first. */
public enum Temperature {
    HOT,
    WARM,
    COOL,
    COLD
}
