package continuum.bulkdata;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import continuum.adt.AdtExportService;
import continuum.adt.Specialty;
import continuum.adt.Ward;
import continuum.platform.NotFoundException;
import continuum.security.AccessControl;
import continuum.security.Interaction;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The groups a bulk export can take (FHIR Group, actual, of persons): the patients lying
 * on a ward now ({@code ward-<ward code>}, such as {@code ward-C3A}), or on any ward of a
 * department, the wards' medical service ({@code department-<service>}, such as
 * {@code department-intensive-care}). Membership is read when an export starts.
 */
@Component
public class Groups {

	/** The FHIR resource type of a group. */
	public static final String TYPE = "Group";

	private static final String WARD = "ward-";

	private static final String DEPARTMENT = "department-";

	private final AdtExportService adt;

	private final AccessControl access;

	Groups(AdtExportService adt, AccessControl access) {
		this.adt = adt;
		this.access = access;
	}

	/**
	 * Every group: each ward, then each department that has a ward. Names and ward codes,
	 * no patient data, so checked but not audited.
	 */
	public List<Group> all() {
		access.require(TYPE, Interaction.SEARCH, null, null);
		return groups();
	}

	/** The group with this id, if there is one. */
	public Optional<Group> find(String id) {
		access.require(TYPE, Interaction.READ, id, null);
		return groups().stream().filter(g -> g.id().equals(id)).findFirst();
	}

	private List<Group> groups() {
		List<Ward> wards = adt.wards();
		List<Group> groups = new ArrayList<>();
		wards.forEach(ward -> groups.add(new Group(WARD + ward.code(),
				"Patients on ward " + ward.code() + " " + ward.name(), List.of(ward.code()))));
		for (Specialty specialty : Specialty.values()) {
			List<String> codes = wards.stream().filter(w -> w.specialty() == specialty).map(Ward::code).toList();
			if (!codes.isEmpty()) {
				groups.add(new Group(departmentId(specialty),
						"Patients on the wards of the department " + specialty.label(), codes));
			}
		}
		return groups;
	}

	/** The ids of the group's patients now, ascending. */
	List<Long> members(@Nullable String groupId) {
		Group group = (groupId == null ? Optional.<Group>empty() : find(groupId))
			.orElseThrow(() -> new NotFoundException("No group " + groupId));
		return adt.patientsOnWards(group.wardCodes());
	}

	private static String departmentId(Specialty specialty) {
		return DEPARTMENT + specialty.name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	/** A group: its id, its name, and the wards whose patients it holds. */
	public record Group(String id, String name, List<String> wardCodes) {

		public Group {
			wardCodes = List.copyOf(wardCodes);
		}

	}

}
