package continuum.adt;

import java.util.List;

import continuum.changes.ChangeFeed;
import continuum.changes.ChangeOperation;
import continuum.platform.ConflictException;
import continuum.platform.InvalidInputException;
import continuum.platform.VersionConflictException;
import continuum.security.AccessControl;
import continuum.security.Interaction;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The hospital's places: wards with their occupancy, rooms and beds. No patient data
 * passes here (a bed says that it is occupied, never by whom), so reads are
 * access-checked but not audited.
 */
@Service
public class LocationService {

	private static final String LOCATION = "Location";

	private final LocationRepository locations;

	private final AccessControl access;

	private final ChangeFeed changes;

	LocationService(LocationRepository locations, AccessControl access, ChangeFeed changes) {
		this.locations = locations;
		this.access = access;
		this.changes = changes;
	}

	/** Every ward with its bed counts, by code. */
	@Transactional(readOnly = true)
	public List<WardOccupancy> wards() {
		access.require(LOCATION, Interaction.SEARCH, null, null);
		return locations.occupancy();
	}

	@Transactional(readOnly = true)
	public Ward ward(String code) {
		access.require(LOCATION, Interaction.READ, code, null);
		return locations.ward(code).orElseThrow(() -> new LocationNotFoundException("No ward with code " + code));
	}

	@Transactional(readOnly = true)
	public BedLocation bed(BedId id) {
		access.require(LOCATION, Interaction.READ, LocationRef.of(id).asString(), null);
		return locations.bed(id).orElseThrow(() -> new LocationNotFoundException("No bed with id " + id));
	}

	/** The beds of a ward that can take a patient now: operational and empty. */
	@Transactional(readOnly = true)
	public List<BedLocation> freeBeds(String wardCode) {
		access.require(LOCATION, Interaction.SEARCH, wardCode, null);
		Ward ward = locations.ward(wardCode)
			.orElseThrow(() -> new LocationNotFoundException("No ward with code " + wardCode));
		return locations.beds(ward.id())
			.stream()
			.filter(row -> row.encounter() == null && row.bed().status() == BedStatus.OPERATIONAL)
			.map(LocationRepository.BedRow::bed)
			.toList();
	}

	@Transactional(readOnly = true)
	public Place place(LocationRef ref) {
		access.require(LOCATION, Interaction.READ, ref.asString(), null);
		return locations.place(ref).orElseThrow(() -> new LocationNotFoundException("No location " + ref));
	}

	/**
	 * One page of places matching the query, wards before their rooms before their beds.
	 */
	@Transactional(readOnly = true)
	public List<Place> search(LocationQuery query, int limit, int offset) {
		access.require(LOCATION, Interaction.SEARCH, null, null);
		return locations.places(query, Math.max(0, limit), Math.max(0, offset));
	}

	@Transactional(readOnly = true)
	public int count(LocationQuery query) {
		access.require(LOCATION, Interaction.SEARCH, null, null);
		return locations.count(query);
	}

	/**
	 * Closes a bed, sends it to housekeeping or opens it again; an occupied bed cannot be
	 * closed. The change goes into the change feed (no patient), so that a downtime copy
	 * knows which beds are free. With {@code expectedVersion} (a FHIR update's
	 * {@code If-Match}), only if the bed is still at that version; otherwise a
	 * {@link VersionConflictException} and nothing changes.
	 */
	@Transactional
	public BedLocation setStatus(BedId id, BedStatus status, @Nullable Integer expectedVersion) {
		access.require(LOCATION, Interaction.UPDATE, LocationRef.of(id).asString(), null);
		BedLocation bed = locations.bed(id).orElseThrow(() -> new LocationNotFoundException("No bed with id " + id));
		if (status != BedStatus.OPERATIONAL && locations.occupied(id)) {
			throw new BedOccupiedException(id, bed.code());
		}
		if (!locations.setStatus(id, status, expectedVersion)) {
			throw new VersionConflictException(
					"Bed " + bed.code() + " has changed since version " + expectedVersion + "; read it again");
		}
		changes.append(LOCATION, LocationRef.of(id).asString(), null, ChangeOperation.UPDATE);
		return locations.bed(id).orElseThrow();
	}

	/**
	 * Adds a ward, a room to a ward or a bed to a room (admins): how a hospital sets up
	 * its places without demo data, or opens a new unit. The new place goes into the
	 * change feed (no patient), so that a downtime copy knows it. A code that its ward,
	 * room or the hospital already uses is a {@link ConflictException}; a parent that
	 * does not exist is invalid input.
	 */
	@Transactional
	public Place create(NewPlace place) {
		access.require(LOCATION, Interaction.CREATE, null, null);
		long id;
		try {
			id = switch (place.kind()) {
				case WARD -> locations.insertWard(place.code(), place.name(), place.specialty());
				case ROOM -> locations.insertRoom(parent(place).id(), place.code());
				case BED -> locations.insertBed(parent(place).id(), place.code(), place.bedStatus()).value();
			};
		}
		catch (DuplicateKeyException ex) {
			throw new ConflictException("A " + place.kind().display().toLowerCase() + " with code " + place.code()
					+ " already exists" + (place.partOf() == null ? "" : " in " + place.partOf()));
		}
		LocationRef ref = new LocationRef(place.kind(), id);
		Place created = locations.place(ref).orElseThrow();
		if (place.name() != null && !place.name().equals(created.name())) {
			// Rolls the new place back: a name the caller sent must not be dropped.
			throw new InvalidInputException("A " + place.kind().display().toLowerCase()
					+ " is named from its code and its ward's: \"" + created.name() + "\", not the name given");
		}
		changes.append(LOCATION, ref.asString(), null, ChangeOperation.CREATE);
		return created;
	}

	private LocationRef parent(NewPlace place) {
		LocationRef parent = java.util.Objects.requireNonNull(place.partOf());
		if (locations.place(parent).isEmpty()) {
			throw new InvalidInputException("No " + parent.kind().display().toLowerCase() + " " + parent
					+ " to add the " + place.kind().display().toLowerCase() + " to");
		}
		return parent;
	}

}
