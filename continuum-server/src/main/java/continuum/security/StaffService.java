package continuum.security;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Staff accounts: creation (by admins and the demo seeder) and lookup (as FHIR
 * Practitioners).
 */
@Service
public class StaffService {

	private final StaffRepository staff;

	private final PasswordEncoder passwords;

	private final AccessControl access;

	StaffService(StaffRepository staff, PasswordEncoder passwords, AccessControl access) {
		this.staff = staff;
		this.passwords = passwords;
		this.access = access;
	}

	/**
	 * Creates an account without an access check: for the demo seeder and the first-start
	 * admin only.
	 */
	@Transactional
	public StaffMember createInitial(NewStaffMember member) {
		long id = staff.insert(member, passwords.encode(member.password()));
		return staff.findById(id).orElseThrow();
	}

	@Transactional
	public StaffMember create(NewStaffMember member) {
		access.require("Practitioner", Interaction.CREATE, null, null);
		return createInitial(member);
	}

	@Transactional(readOnly = true)
	public boolean exists(String username) {
		return staff.exists(username);
	}

	@Transactional(readOnly = true)
	public StaffMember get(long id) {
		access.require("Practitioner", Interaction.READ, Long.toString(id), null);
		return staff.findById(id).orElseThrow(() -> new StaffNotFoundException("with id " + id));
	}

	@Transactional(readOnly = true)
	public List<StaffMember> search(@Nullable String name, @Nullable Role role, int limit, int offset) {
		access.require("Practitioner", Interaction.SEARCH, null, null);
		return staff.search(name, role, limit, offset);
	}

}
