package org.uketsuke.training;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.uketsuke.app.staff.PasswordHash;
import org.uketsuke.app.staff.Role;
import org.uketsuke.app.staff.StaffAccount;
import org.uketsuke.app.staff.StaffAccounts;

/**
 * The demo's two staff accounts with printed passwords (README, "Demo"): a receptionist who may also view medical
 * information, and an administrator. Demo passwords are public: never use the training package's accounts on a
 * counter.
 */
public final class DemoStaff {

    /** One demo account and its printed password. */
    public record Account(String id, String name, Set<Role> roles, String password) {}

    public static final Account RECEPTIONIST =
            new Account("uketsuke", "受付 花子", EnumSet.of(Role.RECEPTIONIST, Role.MEDICAL_VIEWER), "uketsuke-demo-1");

    public static final Account ADMINISTRATOR =
            new Account("kanri", "管理 太郎", EnumSet.of(Role.ADMINISTRATOR), "uketsuke-admin-1");

    public static final List<Account> ALL = List.of(RECEPTIONIST, ADMINISTRATOR);

    /**
     * The demo's hashes cost OWASP's Argon2id minimum (19 MiB, 2 passes) instead of the product's 64 MiB: their
     * passwords are printed in the README, so a costlier hash would protect nothing and only slow every demo sign-in.
     */
    static final PasswordHash.Parameters DEMO_COST = new PasswordHash.Parameters(19 * 1024, 2, 1);

    private DemoStaff() {}

    /** Creates the demo accounts in the data folder where they are missing (kept across demo starts). */
    static void ensure(Path dataDir) {
        StaffAccounts accounts = StaffAccounts.in(dataDir);
        for (Account demo : ALL) {
            if (accounts.find(demo.id()).isEmpty()) {
                accounts.add(new StaffAccount(
                        demo.id(),
                        demo.name(),
                        demo.roles(),
                        PasswordHash.of(demo.password().toCharArray(), DEMO_COST),
                        0,
                        Optional.empty()));
            }
        }
    }

    /** The lines the demo prints at start. */
    public static String banner() {
        StringBuilder text = new StringBuilder("demo staff accounts (デモ用スタッフアカウント):\n");
        for (Account demo : ALL) {
            text.append("  ")
                    .append(demo.id())
                    .append(" / ")
                    .append(demo.password())
                    .append("  (")
                    .append(String.join(
                            ",", demo.roles().stream().sorted().map(Role::token).toList()))
                    .append(")\n");
        }
        return text.toString().stripTrailing();
    }
}
