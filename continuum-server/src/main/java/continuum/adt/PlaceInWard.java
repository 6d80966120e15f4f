package continuum.adt;

import org.jspecify.annotations.Nullable;

/**
 * A ward, room or bed with the ward it belongs to (a ward its own), for readers that lay
 * out a ward's places without walking the room level: downtime nodes. Beds carry their
 * status.
 */
public record PlaceInWard(LocationRef ref, String code, String name, LocationRef ward, @Nullable BedStatus bedStatus) {
}
