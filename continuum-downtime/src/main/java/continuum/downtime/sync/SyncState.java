package continuum.downtime.sync;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What the store holds: the feed position applied, whether the initial load finished, the
 * time of the newest change applied, and the last moment the node knew it had every
 * change ({@code currentThrough}).
 */
public record SyncState(long feedPosition, boolean loaded, @Nullable Instant newestChange,
		@Nullable Instant currentThrough) {
}
