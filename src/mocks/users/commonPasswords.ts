/**
 * A short stand-in for Django's CommonPasswordValidator list (about 20,000 entries). These are the
 * few hundred most frequent leaked passwords, written out by hand, lower case (Django compares
 * `password.lower().strip()`). A password Django would refuse may pass here if it is rarer.
 */
const WORDS = `
password password1 password12 password123 password1234 passw0rd p@ssword p@ssw0rd pass pass123
pass1234 passpass passwort motdepasse contrasena 123456 1234567 12345678 123456789 1234567890
12345 1234 123 111111 1111111 11111111 000000 0000000 00000000 123123 123321 654321 666666 7777777
888888 88888888 987654321 9876543210 121212 112233 123654 159753 147258369 123qwe 123abc 1q2w3e
1q2w3e4r 1q2w3e4r5t 1qaz2wsx zaq12wsx zaq1zaq1 qwerty qwerty1 qwerty12 qwerty123 qwertyu qwertyui
qwertyuiop qwert qwer1234 asdfgh asdfghjk asdfghjkl asdf1234 asdfasdf zxcvbn zxcvbnm zxcvbnm1
qazwsx qazwsxedc 1qazxsw2 abc123 abcd1234 abcdef abcdefg abcdefgh a1b2c3 a1b2c3d4 aa123456
abc12345 iloveyou iloveyou1 iloveu loveme lovely loveyou love123 ilovegod welcome welcome1
welcome123 letmein letmein1 admin admin123 administrator root toor changeme default guest secret
secret123 master master123 login test test123 testing testtest access access14 monkey monkey1
dragon dragon1 football football1 baseball basketball soccer hockey golfer tennis sunshine
sunshine1 princess princess1 shadow shadow1 superman batman spiderman starwars pokemon naruto
michael jennifer jordan jordan23 michelle daniel jessica ashley charlie thomas robert hunter
hunter2 killer trustno1 whatever freedom ginger cheese pepper butterfly flower flowers computer
internet samsung iphone google yahoo facebook myspace1 linkedin mustang corvette ferrari porsche
harley matrix nothing summer winter spring autumn orange banana apple cookie chocolate chelsea
liverpool arsenal barcelona manchester 696969 blink182 maggie buster tigger jasmine buddy bailey
chicken purple yellow silver golden diamond angel angels angel1 hannah lauren amanda andrew
anthony joshua matthew nicole jessie taylor samantha maverick merlin phoenix thunder wizard
hello hello123 hello1 hellokitty friends family forever jesus jesus1 christ blessed heaven
money money1 money123 rockyou rocky cowboy cowboys eagles yankees redsox lakers dallas miami
chicago boston london paris newyork america canada mexico kenya nairobi qwerty7 asd123 zxc123
qweasd qweasdzxc 1234qwer 12qwaszx q1w2e3r4 q1w2e3r4t5 passw0rd1 p4ssword pa55word pa55w0rd
letmein123 trustme mypassword mypass yourpassword newpassword oldpassword temp temp123
temporary 11223344 12341234 123456a 123456q 1234567a 12345678a a123456 a12345678 q123456
qq123456 zaq123 1234abcd abcd123 abc123456 aaaaaa aaaaaaaa abcabc aaaa1111 000000000 1111111111
123456789a 0987654321 999999 99999999 555555 55555555 222222 22222222 333333 444444 121212121
131313 232323 696969696 101010 202020 myname nopassword unknown private secure security
superstar rockstar football12 soccer12 baseball1 gateway letmein12 starwars1 computer1
sunflower snoopy scooter pokemon1 minecraft fortnite roblox zelda mario gandalf frodo
`

export const COMMON_PASSWORDS: ReadonlySet<string> = new Set(WORDS.split(/\s+/).filter(Boolean))
