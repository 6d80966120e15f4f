package continuum.adt;

import java.time.Instant;

/**
 * One kept version of a ward, room or bed as it stood when written (its occupancy
 * included), and when that was.
 */
public record LocationVersion(Place place, Instant recordedAt) {
}
