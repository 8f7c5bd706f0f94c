package piot.gateway.app;

/** Entry point of the {@code piot} command. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.out.println("piot");
    }
}
