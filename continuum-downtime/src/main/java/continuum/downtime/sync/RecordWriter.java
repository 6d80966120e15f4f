package continuum.downtime.sync;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Writes records into their mapper's table: an upsert of the full state, or a delete for
 * a tombstone. Applying the same record twice leaves the same row, which is what makes a
 * replayed batch harmless.
 */
@Component
class RecordWriter {

	private final JdbcClient db;

	private final Map<String, RecordMapper> mappers;

	RecordWriter(JdbcClient db, List<RecordMapper> mappers) {
		this.db = db;
		this.mappers = mappers.stream().collect(Collectors.toMap(RecordMapper::type, Function.identity()));
	}

	boolean handles(String type) {
		return mappers.containsKey(type);
	}

	void apply(SyncRecord record) {
		RecordMapper mapper = mappers.get(record.type());
		if (mapper == null) {
			return;
		}
		if (record.deleted()) {
			db.sql("delete from " + mapper.table() + " where id = ?").param(record.id()).update();
			return;
		}
		Map<String, @Nullable Object> columns = mapper.columns(record);
		List<@Nullable Object> values = new ArrayList<>(columns.values());
		String sql = "merge into " + mapper.table() + " (" + String.join(", ", columns.keySet()) + ") key (id) values ("
				+ String.join(", ", java.util.Collections.nCopies(columns.size(), "?")) + ")";
		db.sql(sql).params(values).update();
	}

	/**
	 * Whether some stored record of the type lacks a value the server now sends (a column
	 * added to the store after the record was loaded).
	 */
	boolean anyWithout(String type, String column) {
		RecordMapper mapper = mappers.get(type);
		return mapper != null && db.sql("select count(*) from " + mapper.table() + " where " + column + " is null")
			.query(Long.class)
			.single() > 0;
	}

	/** Empties every mapped table, before a full load. */
	void clearAll() {
		for (RecordMapper mapper : mappers.values()) {
			db.sql("delete from " + mapper.table()).update();
		}
	}

}
