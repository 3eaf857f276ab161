# a user's template may not write files, use the network or read outside its directory;
# a failed render leaves neither the output nor a temporary file behind
cat > write.xsl <<'X'
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:exsl="http://exslt.org/common" extension-element-prefixes="exsl">
  <xsl:output method="text"/>
  <xsl:template match="/"><exsl:document href="pwned.txt" method="text">owned</exsl:document>ok</xsl:template>
</xsl:stylesheet>
X
cat > net.xsl <<'X'
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:output method="text"/>
  <xsl:template match="/"><xsl:value-of select="count(document('http://127.0.0.1:9/x'))"/></xsl:template>
</xsl:stylesheet>
X
cat > read.xsl <<'X'
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:output method="text"/>
  <xsl:template match="/"><xsl:value-of select="count(document('/etc/passwd'))"/></xsl:template>
</xsl:stylesheet>
X
cat > mine.xsl <<'X'
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:output method="text"/>
  <xsl:template match="/"><xsl:value-of select="/results/system[@id='ah-tthc']/@level"/></xsl:template>
</xsl:stylesheet>
X
for t in write net read; do
	$ASSESS report --results "$FIX/results/an-hoa-nd85.xml" -o out.txt ./$t.xsl
	echo "$t: status $?"
done
ls
$ASSESS report --results "$FIX/results/an-hoa-nd85.xml" ./mine.xsl
echo " mine: status $?"
