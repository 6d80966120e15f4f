package continuum.continuity.node;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import continuum.fhir.ResourceIds;
import org.jspecify.annotations.Nullable;

/**
 * A source of records whose ids are numbers: snapshots go by id (keyset), the cursor
 * being the last id of the page the module read (so a page the source thins out, such as
 * one with a merged patient's encounter, does not end the snapshot early).
 */
abstract class IdRecords<T> implements RecordSource {

	/** Up to {@code limit} rows with an id above {@code afterId}, in id order. */
	abstract List<T> after(long afterId, int limit);

	/** The rows with these ids that hold now. */
	abstract List<T> withIds(List<Long> ids);

	abstract long id(T row);

	abstract DowntimeRecord record(T row);

	/** The records of rows read; a source may leave rows out that do not hold. */
	List<DowntimeRecord> records(List<T> rows) {
		return rows.stream().map(this::record).toList();
	}

	@Override
	public Page snapshot(@Nullable String after, int limit) {
		List<T> rows = after(QueryParameters.position("after", after, 0), limit);
		String next = rows.size() < limit ? null : Long.toString(id(rows.get(rows.size() - 1)));
		return new Page(records(rows), next);
	}

	@Override
	public Map<String, DowntimeRecord> find(List<String> ids) {
		List<Long> numbers = ids.stream().map(IdRecords::number).distinct().toList();
		Map<String, DowntimeRecord> found = new HashMap<>();
		records(withIds(numbers)).forEach(record -> found.put(record.id(), record));
		return found;
	}

	private static long number(String id) {
		OptionalLong number = ResourceIds.parse(id);
		if (number.isEmpty()) {
			throw new BadParameterException("'ids' must be ids as the server gives them (positive whole numbers)");
		}
		return number.getAsLong();
	}

}
