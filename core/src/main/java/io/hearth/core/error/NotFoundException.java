package io.hearth.core.error;

/** The named resource does not exist. */
public final class NotFoundException extends HearthException {
    private final String resourceName;

    public NotFoundException(String resourceName) {
        super(resourceName + " does not exist");
        this.resourceName = resourceName;
    }

    public String resourceName() {
        return resourceName;
    }

    @Override
    public Kind kind() {
        return Kind.NOT_FOUND;
    }

    @Override
    public ErrorReason errorReason() {
        return ErrorReason.NOT_FOUND;
    }
}
