package continuum.security;

import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Clock;
import java.util.Base64;
import java.util.List;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import continuum.audit.AuditAction;
import continuum.audit.AuditEntry;
import continuum.audit.AuditOutcome;
import continuum.audit.AuditService;
import continuum.platform.ConflictException;
import continuum.platform.InvalidInputException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * System clients (interfaces, downtime nodes, the change-feed client): SYSTEM accounts
 * that obtain tokens with a signed client assertion (SMART Backend Services), never a
 * password. An administrator registers a client's public keys and its {@code system/}
 * scopes; registering again replaces them (the client's key rotation). A client without
 * an account gets a new SYSTEM account whose password nobody knows; once an account is a
 * registered client, {@code /api/token} refuses it the password grant. Every registration
 * is audited as a change of the account's Practitioner, with the keys' ids and the
 * scopes, never a key.
 */
@Service
public class SystemClientService {

	private final SystemClientRepository clients;

	private final StaffRepository staffAccounts;

	private final StaffService staff;

	private final AccessControl access;

	private final AuditService audit;

	private final CurrentUser currentUser;

	private final Clock clock;

	SystemClientService(SystemClientRepository clients, StaffRepository staffAccounts, StaffService staff,
			AccessControl access, AuditService audit, CurrentUser currentUser, Clock clock) {
		this.clients = clients;
		this.staffAccounts = staffAccounts;
		this.staff = staff;
		this.access = access;
		this.audit = audit;
		this.currentUser = currentUser;
		this.clock = clock;
	}

	/** Every registered client (administrators). */
	@Transactional(readOnly = true)
	public List<SystemClient> list() {
		access.require("Practitioner", Interaction.UPDATE, null, null);
		return clients.list();
	}

	/**
	 * Registers a client, or replaces its keys and scopes: {@code publicKeys} a PEM
	 * public key or a JWK Set (public members only), {@code scopes} space-separated
	 * {@code system/<Type>.<letters>} within the SYSTEM role's (none: all of them).
	 * Administrators only.
	 */
	@Transactional
	public SystemClient register(String clientId, String publicKeys, String scopes) {
		access.require("Practitioner", Interaction.CREATE, null, null);
		return registerChecked(clientId, publicKeys, scopes, currentUser.get().username());
	}

	/**
	 * Registers a client without an access check: for the operator's command and the
	 * demo, where whoever runs it holds the data directory.
	 */
	@Transactional
	public SystemClient registerAsOperator(String clientId, String publicKeys, String scopes, String operator) {
		return registerChecked(clientId, publicKeys, scopes, operator);
	}

	private SystemClient registerChecked(String clientId, String publicKeys, String scopes, String by) {
		String jwks = ClientPublicKeys.parse(publicKeys);
		List<String> granted;
		try {
			granted = Scopes.registrable(scopes);
		}
		catch (InvalidScopeException ex) {
			throw new InvalidInputException(ex.getMessage());
		}
		StaffMember member = staffAccounts.credentials(clientId).map(StaffRepository.Credentials::member).orElse(null);
		boolean created = member == null;
		if (member == null) {
			member = staff.createInitial(
					new NewStaffMember(clientId, unknownPassword(), Role.SYSTEM, "System client", clientId, null));
		}
		else if (member.role() != Role.SYSTEM) {
			throw new ConflictException("The account " + clientId + " is a " + member.role().name()
					+ " account: a system client needs a SYSTEM account");
		}
		boolean replaced = clients.exists(clientId);
		SystemClient client = new SystemClient(clientId, jwks, granted, clock.instant(), by);
		clients.save(client);
		audit.record(new AuditEntry(created ? AuditAction.CREATE : AuditAction.UPDATE, "Practitioner",
				Long.toString(member.id()), null, AuditOutcome.SUCCESS,
				(replaced ? "system client keys replaced" : "registered as a system client") + ": keys "
						+ String.join(", ", kids(jwks)) + "; scope " + String.join(" ", granted)));
		return client;
	}

	private static List<String> kids(String jwks) {
		try {
			return JWKSet.parse(jwks).getKeys().stream().map(JWK::getKeyID).toList();
		}
		catch (ParseException ex) {
			throw new IllegalStateException("A key set just made is unreadable", ex);
		}
	}

	/** A password nobody is told: the account never signs in with one. */
	private static String unknownPassword() {
		byte[] random = new byte[32];
		new SecureRandom().nextBytes(random);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
	}

}
