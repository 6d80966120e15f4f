package continuum.continuity.node;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import continuum.adt.AdtExportService;
import continuum.adt.LocationRef;
import continuum.adt.PlaceInWard;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Wards, rooms and beds, with the ward each belongs to; ids and cursors are Location ids
 * ({@code ward-3}, {@code bed-140}). A snapshot lists wards, then rooms, then beds, so
 * that a node meets a ward before its beds.
 */
@Component
class LocationRecords implements RecordSource {

	private final AdtExportService adt;

	LocationRecords(AdtExportService adt) {
		this.adt = adt;
	}

	@Override
	public String type() {
		return "Location";
	}

	@Override
	public Page snapshot(@Nullable String after, int limit) {
		LocationRef cursor = after == null ? null : ref("after", after);
		List<PlaceInWard> places = adt.placesAfter(cursor, limit);
		String next = places.size() < limit ? null : places.get(places.size() - 1).ref().asString();
		return new Page(places.stream().map(this::record).toList(), next);
	}

	@Override
	public Map<String, DowntimeRecord> find(List<String> ids) {
		Map<String, DowntimeRecord> found = new HashMap<>();
		adt.places(ids.stream().map(id -> ref("ids", id)).distinct().toList())
			.forEach(place -> found.put(place.ref().asString(), record(place)));
		return found;
	}

	private DowntimeRecord record(PlaceInWard place) {
		return DowntimeRecord.of(type(), place.ref().asString(), null,
				RecordData.of("kind", place.ref().kind().prefix(), "code", place.code(), "name", place.name(), "wardId",
						place.ward().asString(), "status",
						place.bedStatus() == null ? null : place.bedStatus().name().toLowerCase(Locale.ROOT)));
	}

	private static LocationRef ref(String parameter, String text) {
		return LocationRef.parse(text)
			.orElseThrow(() -> new BadParameterException(
					"'" + parameter + "' must be Location ids as the server gives them (ward-3, room-12, bed-140)"));
	}

}
