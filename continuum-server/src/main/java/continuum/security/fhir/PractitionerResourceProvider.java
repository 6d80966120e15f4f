package continuum.security.fhir;

import java.util.List;

import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.StringParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.SimpleBundleProvider;
import continuum.fhir.Paging;
import continuum.fhir.ResourceIds;
import continuum.security.StaffMember;
import continuum.security.StaffService;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Practitioner;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * FHIR Practitioner over the staff accounts: read, and search by {@code name} (contains,
 * family or given) and {@code identifier} (username), paged with
 * {@code _count}/{@code _offset}. A practitioner carries its username as identifier,
 * which is how encounters name their admitting physician.
 */
@Component
public class PractitionerResourceProvider implements IResourceProvider {

	/** The identifier system of staff usernames. */
	static final String USERNAME_SYSTEM = "urn:continuum:username";

	/** The most rows one search reads; a hospital's staff list, not a patient index. */
	private static final int LIMIT = 1000;

	private final StaffService staff;

	PractitionerResourceProvider(StaffService staff) {
		this.staff = staff;
	}

	@Override
	public Class<Practitioner> getResourceType() {
		return Practitioner.class;
	}

	@Read
	public Practitioner read(@IdParam IdType id) {
		return toFhir(staff.get(ResourceIds.of(id)));
	}

	/**
	 * Staff lists are short: the whole match is read and the requested page cut from it.
	 */
	@Search
	public IBundleProvider search(@OptionalParam(name = Practitioner.SP_NAME) @Nullable StringParam name,
			@OptionalParam(name = Practitioner.SP_IDENTIFIER) @Nullable TokenParam identifier,
			@Offset @Nullable Integer offset, @Count @Nullable Integer count, RequestDetails request) {
		String text = name == null || name.getValue().isBlank() ? null : name.getValue().strip();
		List<StaffMember> all = staff.search(text, null, LIMIT, 0)
			.stream()
			.filter(member -> identifier == null || matches(identifier, member))
			.toList();
		int size = Paging.size(request, count);
		int from = Math.min(all.size(), Paging.first(offset));
		List<Practitioner> page = all.subList(from, Math.min(all.size(), from + size))
			.stream()
			.map(PractitionerResourceProvider::toFhir)
			.toList();
		SimpleBundleProvider result = new SimpleBundleProvider(page);
		result.setCurrentPageOffset(from);
		result.setCurrentPageSize(size);
		result.setSize(all.size());
		return result;
	}

	/**
	 * A username identifier ({@code urn:continuum:username|physician}, or the bare
	 * username).
	 */
	private static boolean matches(TokenParam identifier, StaffMember member) {
		boolean system = identifier.getSystem() == null || identifier.getSystem().isEmpty()
				|| USERNAME_SYSTEM.equals(identifier.getSystem());
		return system && member.username().equals(identifier.getValue());
	}

	static Practitioner toFhir(StaffMember member) {
		Practitioner practitioner = new Practitioner();
		practitioner.setId(Long.toString(member.id()));
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
