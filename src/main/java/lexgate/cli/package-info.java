/** The legal author's command line ({@code bin/lexgate}): check, test and explain rules without the server. */
package lexgate.cli;
