package continuum.downtime.sync;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * How one resource type of the protocol lands in the store: its table and the columns of
 * a live record. {@link RecordWriter} does the upsert and the delete, so a new type (lab
 * results, imaging reports) is one more implementation and its table in
 * {@code store-schema.sql}.
 */
interface RecordMapper {

	/** The protocol's resource type, as in the feed ({@code Patient}, ...). */
	String type();

	/** The table; its key column is {@code id}. */
	String table();

	/** The columns of a record that exists, {@code id} first. */
	Map<String, @Nullable Object> columns(SyncRecord record);

}
