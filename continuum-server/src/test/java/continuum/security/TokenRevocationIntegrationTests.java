package continuum.security;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import continuum.ContinuumIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A token outlives the disabling of its account, or a new password, by at most
 * {@link TokenService#ACCOUNT_RECHECK} on a node that did not make the change, and not at
 * all if it reaches a node for the first time after; enabled again, the account's tokens
 * work again, but never those issued before a new password. Each node below is a
 * {@link TokenService} of its own over the same database, with a clock the test moves.
 */
@ContinuumIntegrationTest
class TokenRevocationIntegrationTests {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	StaffService staff;

	@TempDir
	Path keyDirectory;

	private Instant now = Instant.parse("2026-11-26T10:00:00Z");

	private final Clock clock = new Clock() {
		@Override
		public ZoneId getZone() {
			return ZoneId.of("UTC");
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return now;
		}
	};

	@Test
	void anotherNodeRefusesTheTokensOfADisabledAccountWithinTheRecheckInterval() {
		Nodes nodes = twoNodes();
		String username = nodes.username();
		StaffMember member = nodes.member();
		TokenService issuer = nodes.issuer();
		TokenService otherNode = nodes.otherNode();
		String token = nodes.token();
		String unseenToken = nodes.unseenToken();
		assertThat(otherNode.authenticate(token)).isPresent();

		jdbc.sql("update app_user set enabled = false where id = :id").param("id", member.id()).update();
		issuer.forget(username);
		assertThat(issuer.authenticate(token)).as("on the node that disabled it").isEmpty();
		assertThat(otherNode.authenticate(unseenToken)).as("a token not seen before").isEmpty();
		now = now.plus(TokenService.ACCOUNT_RECHECK.minusSeconds(1));
		assertThat(otherNode.authenticate(token)).as("cached, not yet rechecked").isPresent();
		now = now.plusSeconds(2);
		assertThat(otherNode.authenticate(token)).as("rechecked").isEmpty();

		jdbc.sql("update app_user set enabled = true where id = :id").param("id", member.id()).update();
		assertThat(otherNode.authenticate(token)).as("enabled again").isPresent();
		assertThat(issuer.authenticate(unseenToken)).isPresent();
	}

	@Test
	void tokensIssuedBeforeANewPasswordAreRefusedEverywhereWithinTheRecheckInterval() {
		Nodes nodes = twoNodes();
		String username = nodes.username();
		StaffMember member = nodes.member();
		TokenService issuer = nodes.issuer();
		TokenService otherNode = nodes.otherNode();
		String token = nodes.token();
		String unseenToken = nodes.unseenToken();
		assertThat(otherNode.authenticate(token)).isPresent();

		jdbc.sql("update app_user set credentials_version = credentials_version + 1 where id = :id")
			.param("id", member.id())
			.update();
		issuer.forget(username);
		assertThat(issuer.authenticate(token)).as("on the node that changed it").isEmpty();
		assertThat(otherNode.authenticate(unseenToken)).as("a token not seen before").isEmpty();
		now = now.plus(TokenService.ACCOUNT_RECHECK.minusSeconds(1));
		assertThat(otherNode.authenticate(token)).as("cached, not yet rechecked").isPresent();
		now = now.plusSeconds(2);
		assertThat(otherNode.authenticate(token)).as("rechecked").isEmpty();
		now = now.plus(TokenService.ACCOUNT_RECHECK.multipliedBy(2));
		assertThat(otherNode.authenticate(token)).as("never again").isEmpty();

		String newToken = issuer.issue(username, Role.NURSE, List.of("user/Patient.rs"), 2).value();
		assertThat(otherNode.authenticate(newToken)).as("issued after the change").isPresent();
		assertThat(otherNode.authenticate(newToken + "x")).isEmpty();
	}

	/**
	 * A node's signing keys: a key file of its own, the public keys of all in the
	 * database.
	 */
	private SigningKeys node(SecuritySettings settings, String name) {
		return new SigningKeys(new NodeSigningKeyFile(keyDirectory.resolve(name + ".json")),
				new SigningKeyRepository(jdbc), clock, new SigningKeySettings(Duration.ofDays(30)),
				settings.tokenLifetime());
	}

	/** An account, the node that issued two of its tokens, and another node. */
	private record Nodes(String username, StaffMember member, TokenService issuer, TokenService otherNode, String token,
			String unseenToken) {
	}

	private Nodes twoNodes() {
		String username = "token.check." + Long.toString(System.nanoTime() % 1_000_000, 36);
		StaffMember member = staff
			.createInitial(new NewStaffMember(username, "een-goed-wachtwoord", Role.NURSE, "Maes", "Els", null));
		SecuritySettings settings = new SecuritySettings(5, Duration.ofMinutes(15), Duration.ofMinutes(15),
				Duration.ofHours(12));
		TokenService issuer = new TokenService(new StaffRepository(jdbc), node(settings, "issuer"), clock, settings,
				new AppGrantRepository(jdbc));
		TokenService otherNode = new TokenService(new StaffRepository(jdbc), node(settings, "other"), clock, settings,
				new AppGrantRepository(jdbc));
		return new Nodes(username, member, issuer, otherNode,
				issuer.issue(username, Role.NURSE, List.of("user/Patient.rs"), 1).value(),
				issuer.issue(username, Role.NURSE, List.of("user/Patient.rs"), 1).value());
	}

}
