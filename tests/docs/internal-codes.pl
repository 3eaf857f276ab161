#!/usr/bin/perl
# internal-codes.pl CODES KIND FILE...: the text of each Vietnamese
# document (KIND html: the page without its style and script; docx: the
# body, word/document.xml) checked for
#   - an internal code (a line of the file CODES) standing as a word: a
#     run of letters, digits, '-' and '_' equal to it ("citizen-business",
#     "ND331", "unapproved-in-operation"; "ND331-13.1" is not "ND331");
#     the paths of the files a document names as its sources are not words;
#   - its sources: the rule set's digest (SHA-256), the run ("lần đánh giá
#     N" or "đánh giá lần N"), a date dd/mm/yyyy, and a legal basis (a
#     decree named in full).
# Prints "NAME: ok", or NAME and what is wrong, one line per file.
use strict;
use warnings;
use utf8;
binmode STDOUT, ':encoding(UTF-8)';
my ($codes_file, $kind, @files) = @ARGV;
open my $c, '<:encoding(UTF-8)', $codes_file or die "$codes_file: $!\n";
my %code = map { chomp; $_ ne '' ? ($_ => 1) : () } <$c>;
close $c;
for my $file (@files) {
	local $/;
	my $text;
	if ($kind eq 'docx') {
		open my $p, '-|', 'unzip', '-p', $file, 'word/document.xml' or die "$file: $!\n";
		binmode $p, ':encoding(UTF-8)';
		$text = <$p>;
		close $p;
		$text =~ s{</w:p>|<w:tab/>|<w:br/>}{ }g;
		$text =~ s{<[^>]+>}{}g;
	} else {
		open my $f, '<:encoding(UTF-8)', $file or die "$file: $!\n";
		$text = <$f>;
		close $f;
		$text =~ s{<(style|script)\b.*?</\1>}{ }gsi;
		$text =~ s{<[^>]+>}{ }g;
	}
	$text =~ s/&lt;/</g;
	$text =~ s/&gt;/>/g;
	$text =~ s/&quot;/"/g;
	$text =~ s/&#39;|&apos;/'/g;
	$text =~ s/&nbsp;|&#160;/ /g;
	$text =~ s/&amp;/&/g;
	$text =~ s{\S+\.(?:xml|xlsx|db|sql)\b}{ }g;
	my %found;
	while ($text =~ /([\p{L}\p{N}_-]+)/g) {
		$found{$1} = 1 if $code{$1};
	}
	my @wrong;
	push @wrong, 'codes ' . join(' ', sort keys %found) if %found;
	push @wrong, 'no digest' unless $text =~ /SHA-256/;
	push @wrong, 'no run' unless $text =~ /(?:lần đánh giá|đánh giá lần)\s+\d/i;
	push @wrong, 'no date' unless $text =~ m{\b\d\d/\d\d/\d{4}\b};
	push @wrong, 'no legal basis' unless $text =~ /Nghị định (?:số )?(?:331\/2026|85\/2016)/;
	my $name = $file;
	$name =~ s{.*/}{};
	print "$name: ", (@wrong ? join('; ', @wrong) : 'ok'), "\n";
}
