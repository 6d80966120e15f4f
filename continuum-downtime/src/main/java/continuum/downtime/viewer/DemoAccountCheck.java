package continuum.downtime.viewer;

import continuum.downtime.audit.NodeAudit;
import continuum.downtime.audit.NodeAudit.Action;
import continuum.downtime.audit.NodeAudit.Outcome;
import org.springframework.security.authentication.AccountStatusException;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsChecker;

/**
 * Refuses the sign-in of a demo account (one password shared by all of them, printed at
 * every start of a demo server) unless the node listens on loopback only, as the server
 * itself does: on a node reachable from the network the shared password would open it to
 * anyone who knows the demo. Runs once the password matched; the refusal is audited here,
 * with the account's name, and the sign-in page says why.
 */
class DemoAccountCheck implements UserDetailsChecker {

	private final ListenAddress listening;

	private final NodeAudit audit;

	DemoAccountCheck(ListenAddress listening, NodeAudit audit) {
		this.listening = listening;
		this.audit = audit;
	}

	@Override
	public void check(UserDetails user) {
		boolean demo = user.getAuthorities()
			.stream()
			.anyMatch(a -> StaffAccounts.DEMO_ACCOUNT.equals(a.getAuthority()));
		if (demo && !listening.loopbackOnly()) {
			audit.record(user.getUsername(), Action.LOGIN, "Session", null, null, Outcome.DENIED,
					"demo account refused: the node listens beyond loopback");
			throw new DemoAccountRefusedException();
		}
	}

	/** A demo account's sign-in on a node reachable from the network. */
	static class DemoAccountRefusedException extends AccountStatusException {

		DemoAccountRefusedException() {
			super("Demo accounts sign in only on a node that listens on loopback alone");
		}

	}

}
