/**
 * The {@code ./salr} command line (picocli): one class per subcommand, typed options, {@code --help}
 * on each. Commands parse and validate input, then call the modules below; they hold no algorithm.
 */
package io.salr.harness.cli;
