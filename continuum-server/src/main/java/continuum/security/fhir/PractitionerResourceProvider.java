package continuum.security.fhir;

import java.time.Clock;

import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.annotation.Sort;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.SortSpec;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.DateAndListParam;
import ca.uhn.fhir.rest.param.StringParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import continuum.fhir.Paging;
import continuum.fhir.ResourceIds;
import continuum.fhir.SearchControls;
import continuum.security.StaffMember;
import continuum.security.StaffService;
import org.hl7.fhir.instance.model.api.IAnyResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Practitioner;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * FHIR Practitioner over the staff accounts: read, and search by {@code name} (contains,
 * family or given), {@code identifier} (username), {@code _id}, {@code _lastUpdated} (the
 * account created, enabled or disabled) and {@code _sort} ({@code name}, {@code _id},
 * {@code _lastUpdated}), paged with {@code _count}/{@code _offset}. A practitioner
 * carries its username as identifier, which is how encounters name their admitting
 * physician.
 */
@Component
public class PractitionerResourceProvider implements IResourceProvider {

	/** The identifier system of staff usernames. */
	static final String USERNAME_SYSTEM = "urn:continuum:username";

	private final StaffService staff;

	private final Clock clock;

	PractitionerResourceProvider(StaffService staff, Clock clock) {
		this.staff = staff;
		this.clock = clock;
	}

	@Override
	public Class<Practitioner> getResourceType() {
		return Practitioner.class;
	}

	@Read
	public Practitioner read(@IdParam IdType id) {
		return toFhir(staff.get(ResourceIds.of(id)));
	}

	@Search
	public IBundleProvider search(@OptionalParam(name = Practitioner.SP_NAME) @Nullable StringParam name,
			@OptionalParam(name = Practitioner.SP_IDENTIFIER) @Nullable TokenParam identifier,
			@OptionalParam(name = IAnyResource.SP_RES_ID) @Nullable TokenOrListParam ids,
			@OptionalParam(name = Constants.PARAM_LASTUPDATED) @Nullable DateAndListParam lastUpdated,
			@Sort @Nullable SortSpec sort, @Offset @Nullable Integer offset, @Count @Nullable Integer count,
			RequestDetails request) {
		SearchControls controls = SearchControls.of(ids, lastUpdated, sort, clock);
		String text = name == null || name.getValue().isBlank() ? null : name.getValue().strip();
		String username = identifier == null ? null : username(identifier);
		if ((identifier != null && username == null) || controls.matchesNothing()) {
			return Paging.empty();
		}
		return Paging.page(request, offset, count, () -> staff.countPractitioners(text, username, controls),
				(first, n) -> staff.practitioners(text, username, controls, n, first)
					.stream()
					.map(PractitionerResourceProvider::toFhir)
					.toList());
	}

	/**
	 * The username a username identifier names ({@code urn:continuum:username|physician},
	 * or the bare username); null for another system.
	 */
	private static @Nullable String username(TokenParam identifier) {
		boolean system = identifier.getSystem() == null || identifier.getSystem().isEmpty()
				|| USERNAME_SYSTEM.equals(identifier.getSystem());
		return system && identifier.getValue() != null && !identifier.getValue().isBlank() ? identifier.getValue()
				: null;
	}

	static Practitioner toFhir(StaffMember member) {
		Practitioner practitioner = new Practitioner();
		practitioner.setId(Long.toString(member.id()));
		practitioner.getMeta().setLastUpdated(java.util.Date.from(member.updatedAt()));
		practitioner.addIdentifier().setSystem(USERNAME_SYSTEM).setValue(member.username());
		practitioner.setActive(member.enabled());
		var name = practitioner.addName().setFamily(member.familyName()).addGiven(member.givenName());
		if (member.prefix() != null && !member.prefix().isBlank()) {
			name.addPrefix(member.prefix());
		}
		name.setText(member.displayName());
		return practitioner;
	}

}
