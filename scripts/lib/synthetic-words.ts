/**
 * Word lists of the synthetic corpus (scripts/lib/synthetic-corpus.ts), most frequent first within each
 * list. Real Spanish, English and French words of the migration and governance domain plus common words.
 * The `*_HARVEST` lists are the content words of the seed corpus (data/practices/*.md, stop words and
 * acronyms removed, most frequent first) as of this file's writing: they are frozen here, not read at run
 * time, so adding a practice to data/ does not change the synthetic corpora of a given seed.
 *
 * Changing any list changes every generated corpus: bump GENERATOR_VERSION in synthetic-corpus.ts.
 */

/** Spanish function words, most frequent first (stop words: indexed, ignored in queries). */
export const ES_FUNCTION = `de la que el en y a los se del las un por con no una su para es al lo como más pero sus
le ya o este porque esta entre cuando muy sin sobre también hasta hay donde desde todo durante todos uno les ni
contra otros ese eso ante ellos esto antes algunos unos otro otras otra tanto esa estos mucho quienes nada muchos
cual poco ella estas algunas algo cada según tras mediante hacia bajo aunque así además sino luego fue fueron ha han
había habían será sido ser son era eran está están estaba puede pueden tiene tienen hace hacen cuya cuyo dentro
mientras incluso casi solo sólo tan vez veces ahora después siempre nunca ambos ambas varios varias mismo misma`;

/** Spanish words of the domain at the head of the distribution: in nearly every record. */
export const ES_CORE = `migración migrantes personas migratoria país frontera programa gobierno nacional protección
países regional atención derechos población trabajo retorno movilidad migrante instituciones regularización
apoyo información acceso apoyo comunidades cooperación gestión seguridad desarrollo`;

/** More Spanish domain words (nouns, adjectives, verbs), roughly by expected frequency. */
export const ES_DOMAIN = `migratorio migratorias migratorios fronteriza fronterizo fronterizas fronterizos retornados
retornadas asilo refugio refugiados refugiadas desplazamiento desplazados desplazadas trata tráfico víctimas niñez
niños niñas adolescentes mujeres familias trabajadores trabajadoras laboral laborales empleo reclutamiento
contratación empleadores visa visas permiso permisos residencia estancia documentación documentos identidad
pasaporte pasaportes registro registros censo datos estadísticas encuesta diagnóstico indicadores gobernanza
política políticas ley leyes reglamento decreto acuerdo acuerdos convenio convenios memorando entendimiento
protocolo protocolos lineamientos guía guías manual herramienta herramientas capacitación formación talleres taller
funcionarios funcionarias servidores consulados consulado consular cancillería ministerio ministerios secretaría
dirección instituto comisión consejo mesa mecanismo mecanismos sistema sistemas red redes plataforma ventanilla
albergue albergues refugios estación estaciones centro centros recepción acogida asistencia humanitaria
humanitarias emergencia emergencias crisis desastre desastres huracán huracanes terremoto inundaciones sequía
climático climática cambio riesgo riesgos vulnerabilidad vulnerables preparación respuesta recuperación
reconstrucción reintegración integración inclusión cohesión xenofobia discriminación racismo desinformación
rumores campaña campañas mensajes comunicación radio televisión redes sociales afiches folletos líderes
comunitarios comunitarias voluntarios voluntarias organizaciones sociedad civil iglesia iglesias pastoral casa
casas migrante diáspora remesas inversión emprendimiento emprendimientos microempresas medios vida ingresos
pobreza desigualdad violencia pandillas extorsión inseguridad desaparecidos desaparecidas búsqueda identificación
forense salud mental psicosocial atención médica vacunación vacunas alimentación agua saneamiento higiene
educación escuela escuelas becas aprendizaje certificación competencias habilidades jóvenes juventud adultos
mayores discapacidad género igualdad indígenas afrodescendientes garífunas pueblos comunidades rurales urbanas
municipio municipios municipal municipales alcaldía alcaldías departamento departamentos provincia provincias
región regiones corredor corredores ruta rutas tránsito destino origen cruce cruces paso pasos puerto puertos
aeropuerto aeropuertos terrestre marítima aérea selva darién río puente bus buses autobuses transporte viaje
viajes caravana caravanas flujo flujos flujos masivos llegada llegadas salida salidas deportación deportaciones
deportados deportadas expulsión devolución detención detenidos alternativas custodia menores acompañados
acompañadas separados separadas reunificación familiar familiares tutela interés superior debido proceso
solicitud solicitudes solicitantes refugiado condición reconocimiento apátridas apatridia nacionalidad
naturalización ciudadanía cédula carné carnés tarjeta tarjetas trámite trámites costo costos gratuito gratuita
requisitos plazo plazos prórroga renovación vigencia vencimiento multa multas sanciones amnistía regular
regulares irregular irregulares indocumentados indocumentadas situación estatus categoría categorías temporal
temporales permanente permanentes estacional estacionales agrícola agrícolas cosecha cosechas café caña banano
palma construcción servicios doméstico doméstica cuidado cuidados mercado oferta demanda vacantes bolsa
intermediación agencias agencias reclutadores honorarios cobros deudas engaño engaños explotación abuso abusos
denuncia denuncias quejas inspección inspectores fiscalía fiscal fiscales justicia tribunales sentencia
sentencias delito delitos crimen organizado traficantes tratantes coyotes rescate rescates operativo operativos
policía fuerzas ejército guardia control controles vigilancia biometría biométrico biométricos huellas
interoperabilidad intercambio información base bases digital digitales electrónico electrónica aplicación
aplicaciones teléfono línea gratuita llamadas orientación asesoría jurídica legal legales abogados abogadas
defensoría defensor defensora ombudsman derechos humanos garantías dignidad trato digno confidencialidad
consentimiento enfoque diferencial interseccional buenas prácticas lecciones aprendidas resultados impacto
evaluación monitoreo seguimiento indicadores metas objetivos estrategia estrategias planes plan acción hoja ruta
presupuesto financiamiento fondos donantes cooperación internacional técnica asistencia técnica diálogo alianza
alianzas socios contrapartes coordinación interinstitucional intersectorial bilateral bilaterales binacional
binacionales multilateral subregional regional regionales hemisferio cumbre cumbres declaración declaraciones
compromisos compromiso conferencia reunión reuniones viceministros ministros presidentes cancilleres
delegaciones secretaría técnica presidencia pro tempore grupo grupos trabajo red consular protección consular
repatriación repatriaciones retorno voluntario asistido reintegración sostenible perfil perfiles caracterización
mapeo sondeo estudio estudios investigación informe informes boletín boletines tablero observatorio
observatorios matriz seguimiento desplazamiento interno internos movilidad humana humana vías regulares
patrocinio reasentamiento reubicación visado visados pasantía pasantías intercambio estudiantes trabajadores
temporales contratos contrato salario salarios jornada jornadas horas condiciones dignas decente vivienda
arrendamiento hacinamiento alojamiento albergado albergadas pernoctación kit kits insumos alimentos raciones
transferencias efectivo bonos subsidio subsidios seguro social seguridad cotizaciones pensiones portabilidad`;

/** Common Spanish words outside the domain (verbs, nouns, adjectives, adverbs, months, numbers). */
export const ES_GENERAL = `año años tiempo día días semana semanas mes meses hora horas momento época fecha fechas
inicio fin final parte partes forma manera modo caso casos ejemplo vez lugar lugares zona zonas área áreas punto
puntos nivel niveles número números total mayoría grupo primera primero primeros primeras segundo segunda tercer
tercera último última últimos nuevo nueva nuevos nuevas gran grande grandes pequeño pequeña pequeños mayor menor
mejor mejores peor alto alta bajo baja largo larga corto corta claro clara posible posibles necesario necesaria
importante importantes principal principales general generales público pública públicos públicas privado privada
social económico económica político política cultural local locales central propio propia propios propias
diferente diferentes distintos distintas común comunes especial específico específica difícil fácil rápido
rápida lento simple sencillo completo completa directo directa real actual actuales anterior siguiente
hacer hizo hicieron decir dijo dar dio dieron ver vio tener tuvo tuvieron poder pudo pudieron deber debe deben
ir llegar llegó llegaron pasar pasó quedar quedó seguir siguió llevar llevó dejar dejó encontrar encontró llamar
venir vino pensar salir volver volvió tomar tomó conocer vivir viven sentir tratar mirar contar empezar empezó
esperar buscar buscó existir entrar trabajar trabajan escribir perder producir ocurrir ocurrió entender pedir
recibir recibió recibieron recordar terminar permitir permite permitió aparecer conseguir comenzar comenzó servir
sacar necesitar mantener mantuvo resultar leer caer cambiar presentar presentó crear creó abrir abrió considerar
oír acabar convertir ganar formar traer partir morir aceptar realizar realizó suponer comprender lograr logró
explicar explicó preguntar tocar reconocer estudiar alcanzar alcanzó nacer dirigir correr utilizar utilizó
pagar ayudar ayudó gustar jugar escuchar cumplir cumplió ofrecer ofrece ofreció descubrir levantar intentar usar
usó decidir decidió repetir olvidar valer comer mostrar mostró ocupar mover moverse continuar continuó suceder
fijar referir acercar dedicar aumentar aumentó reducir redujo evitar evitó impulsar impulsó fortalecer
fortaleció ampliar amplió facilitar facilitó promover promovió garantizar garantizó impulsar lanzar lanzó
establecer estableció desarrollar desarrolló implementar implementó aplicar aplicó coordinar coordinó apoyar
apoyó atender atendió brindar brindó proteger protegió identificar identificó registrar registró documentar
documentó orientar orientó informar informó acompañar acompañó capacitar capacitó certificar certificó
enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre lunes martes
uno dos tres cuatro cinco seis siete ocho nueve diez once doce veinte treinta cien mil millón millones
decenas cientos miles mitad tercio cuarto doble ciento porcentaje proporción cifra cifras cantidad cantidades
hombre hombres mujer persona gente hijo hijos hija hijas padre padres madre madres hermano hermanos abuelos
vecino vecinos amigo amigos pueblo ciudad ciudades capital calle calles carretera camino caminos tierra
tierras campo campos montaña montañas costa costas mar isla islas lago bosque clima lluvia lluvias tormenta
casa hogar hogares familia comida agua luz energía dinero precio precios cuenta cuentas banco bancos empresa
empresas negocio negocios tienda mercados oficina oficinas edificio edificios sede sedes local espacio
espacios sala salas equipo equipos material materiales recurso recursos medio servicio oportunidad
oportunidades problema problemas solución soluciones pregunta preguntas respuesta idea ideas historia
historias experiencia experiencias conocimiento conocimientos palabra palabras nombre nombres lengua lenguas
idioma idiomas español inglés francés criollo kreyòl maya mam kiché traducción intérpretes cultura arte
música deporte deportes fútbol juego juegos película video videos foto fotos imagen imágenes libro libros
carta cartas documento nota notas artículo artículos noticia noticias periódico prensa entrevista entrevistas
relato relatos testimonio testimonios voz voces mirada miradas cuerpo vida muerte muertes salud enfermedad
hospital hospitales clínica clínicas médico médicos enfermera enfermeras medicina medicamentos`;

/** English function words, most frequent first (stop words). */
export const EN_FUNCTION = `the of and to in a for on with by as is was that from at are were it its an be this
which or has have had their they not but also been more than into other after between through about over under
who all these those such some most many each both before during while when where there can may would could will
should only so up out any no new one two three first`;

/** English domain words at the head of the distribution. */
export const EN_CORE = `migration migrants people migrant border national regional government protection programme
countries country rights support information return mobility institutions access services cooperation management
security development communities`;

/** More English domain words, roughly by expected frequency. */
export const EN_DOMAIN = `migratory cross-border returnees returned asylum refuge refugees displacement displaced
trafficking smuggling victims children girls boys adolescents women families workers labour employment
recruitment hiring employers visa visas permit permits residence stay documentation documents identity passport
passports registration records census data statistics survey assessment indicators governance policy policies
law laws regulation decree agreement agreements memorandum understanding protocol protocols guidelines guide
guides manual tool tools training workshops workshop officials officers civil servants consulates consulate
consular ministry ministries secretariat directorate institute commission council roundtable mechanism mechanisms
system systems network networks platform desk shelter shelters station stations centre centres reception
assistance humanitarian emergency emergencies crisis crises disaster disasters hurricane hurricanes earthquake
floods drought climate change risk risks vulnerability vulnerable preparedness response recovery reconstruction
reintegration integration inclusion cohesion xenophobia discrimination racism misinformation disinformation rumours
campaign campaigns messages communication radio television social media posters leaflets leaders community
volunteers organisations society church churches diaspora remittances investment entrepreneurship livelihoods
income poverty inequality violence gangs extortion insecurity missing search identification forensic health mental
psychosocial care medical vaccination vaccines food water sanitation hygiene education school schools scholarships
learning certification skills youth young adults older disability gender equality indigenous afro-descendant
garifuna peoples rural urban municipality municipalities municipal mayors department departments province
provinces region regions corridor corridors route routes transit destination origin crossing crossings point
points port ports airport airports land maritime air jungle gap river bridge bus buses transport travel journey
caravan caravans flow flows large movements arrival arrivals departure departures deportation deportations
deportees deported expulsion detention detained alternatives custody minors accompanied unaccompanied separated
reunification family members guardianship best interests due process application applications applicants refugee
status recognition stateless statelessness nationality naturalisation citizenship card cards procedure procedures
fee fees free requirements deadline deadlines extension renewal validity expiry fine fines sanctions amnesty
regular irregular undocumented situation category categories temporary permanent seasonal agricultural harvest
harvests coffee sugarcane banana palm construction domestic care market supply demand vacancies job placement
agencies recruiters debts deception exploitation abuse abuses complaint complaints inspection inspectors
prosecutor prosecutors justice courts ruling rulings crime crimes organised smugglers traffickers rescue rescues
operation operations police forces army guard control controls surveillance biometrics biometric fingerprints
interoperability exchange database databases digital electronic app apps phone hotline calls orientation advice
counselling lawyers ombudsman human guarantees dignity confidentiality consent approach differentiated
intersectional good practices lessons learned results impact evaluation monitoring follow-up targets objectives
strategy strategies plans action roadmap budget financing funds donors international technical dialogue
alliance alliances partners counterparts coordination inter-agency intersectoral bilateral binational
multilateral subregional hemisphere summit summits declaration declarations commitments commitment conference
meeting meetings vice-ministers ministers presidents foreign delegations secretariat presidency pro tempore group
groups working repatriation repatriations voluntary assisted sustainable profile profiles characterisation
mapping study studies research report reports bulletin bulletins dashboard observatory observatories matrix
internal human pathways sponsorship resettlement relocation internship internships students contracts contract
wage wages hours conditions decent housing rent overcrowding accommodation overnight kit kits supplies rations
cash transfers vouchers subsidy subsidies insurance contributions pensions portability`;

/** Common English words outside the domain. */
export const EN_GENERAL = `year years time day days week weeks month months hour hours moment period date dates start
end part parts way case cases example place places area areas level levels number numbers total majority second
third last next new old large small big great high low long short clear possible necessary important main general
public private economic political cultural local central own different similar common special specific difficult
easy fast quick slow simple complete direct real current previous following make made do did say said give gave
given see saw take took come came go went get got know knew think thought look looked want wanted use used find
found tell told ask asked work worked seem seemed feel felt try tried leave left call called keep kept let begin
began show showed shown hear heard play run move moved live lived believe hold held bring brought happen happened
write wrote provide provided sit stand lose lost pay paid meet met include included continue continued set learn
learned change changed lead led understand understood watch follow followed stop create created speak spoke read
allow allowed add added spend spent grow grew open opened walk win offer offered remember consider considered
appear appeared buy wait serve served die send sent expect expected build built stay stayed fall fell cut reach
reached kill remain remained suggest raise raised pass passed sell require required report reported decide
decided pull launch launched establish established develop developed implement implemented apply applied
coordinate coordinated assist assisted protect protected identify identified register registered document
documented inform informed accompany accompanied train trained certify certified strengthen strengthened expand
expanded facilitate facilitated promote promoted ensure ensured
january february march april may june july august september october november december monday tuesday
four five six seven eight nine ten eleven twelve twenty thirty hundred thousand million millions dozens
hundreds thousands half third quarter double percent percentage share figure figures amount amounts
man men woman person sons daughters father fathers mother mothers brother brothers grandparents neighbour
neighbours friend friends town towns city cities capital street streets road roads path paths farmland field
fields mountain mountains coast coasts sea island islands lake forest weather rain rains storm house home homes
family meal energy money price prices account accounts bank banks company companies business businesses shop
markets office offices building buildings headquarters space spaces room rooms team teams material materials
resource resources means service opportunity opportunities problem problems solution solutions question
questions answer idea ideas story stories experience experiences knowledge word words name names language
languages spanish english french creole mayan translation interpreters culture art music sport sports football
game games film video videos photo photos image images book books letter letters note notes article articles
news newspaper press interview interviews account testimony testimonies voice voices life death deaths illness
hospital hospitals clinic clinics doctor doctors nurse nurses medicine medicines`;

/** French words (5% of the records): function words first, then the domain and common words. */
export const FR_WORDS = `de la le et les des à en du un une pour dans par sur au avec que qui est sont ont a été plus
ce cette ces ses son sa leur leurs aux ne pas ou mais comme entre après avant depuis pendant selon sans sous vers
migration migrants personnes migrante migratoire frontière pays programme gouvernement national nationale régional
régionale protection droits population travail retour mobilité institutions régularisation appui information accès
coopération gestion sécurité développement communautés enfants femmes familles travailleurs emploi recrutement
visa permis résidence séjour documents identité passeport enregistrement registre données statistiques enquête
évaluation indicateurs gouvernance politique politiques loi lois règlement décret accord accords protocole lignes
directrices guide outil outils formation ateliers fonctionnaires consulats consulat consulaire ministère secrétariat
direction institut commission conseil mécanisme système réseau plateforme guichet abri abris centre centres accueil
assistance humanitaire urgence urgences crise crises catastrophe catastrophes ouragan séisme inondations
changement climatique risque risques vulnérabilité vulnérables préparation réponse relèvement reconstruction
réintégration intégration inclusion xénophobie discrimination désinformation rumeurs campagne campagnes messages
communication radio télévision réseaux sociaux dirigeants communautaires bénévoles organisations société civile
église diaspora transferts fonds investissement entrepreneuriat revenus pauvreté violence gangs insécurité
disparus santé mentale soins médicaux vaccination alimentation eau assainissement hygiène éducation école écoles
bourses compétences jeunes jeunesse adultes handicap genre égalité autochtones peuples rurales urbaines commune
communes département départements province région corridor route routes transit destination origine passage
passages port aéroport terrestre maritime rivière pont bus transport voyage caravane flux arrivées départs
expulsion expulsions rapatriement rapatriés détention mineurs non accompagnés séparés réunification famille
tutelle intérêt supérieur demande demandes demandeurs asile réfugiés réfugié statut reconnaissance apatridie
nationalité naturalisation citoyenneté carte cartes procédure procédures frais gratuit exigences délai délais
prolongation renouvellement validité amende amnistie régulière irrégulière sans-papiers situation catégorie
temporaire permanente saisonnière agricole récolte récoltes café canne banane construction domestique marché offre
agences recruteurs dettes tromperie exploitation abus plainte plaintes inspection procureur justice tribunaux
crime organisé passeurs trafiquants sauvetage opération police contrôle surveillance biométrie empreintes échange
base numérique électronique application téléphone ligne appels orientation conseil juridique avocats médiateur
humains garanties dignité confidentialité approche bonnes pratiques leçons apprises résultats impact suivi
objectifs stratégie plan action budget financement donateurs internationale technique dialogue alliance
partenaires coordination bilatéral binational multilatéral sommet déclaration engagements conférence réunion
ministres présidents délégations présidence groupe volontaire assisté durable profil étude études recherche
rapport rapports bulletin tableau observatoire voies réinstallation contrat salaire salaires heures conditions
logement hébergement kits fournitures espèces subvention assurance pensions haïti haïtiens haïtiennes
dominicaine dominicains frontaliers ouanaminthe belladère malpasse anse-à-pitres dajabón elías piña
année années temps jour jours semaine semaines mois heure moment période date début fin partie manière cas exemple
lieu lieux zone zones niveau nombre total majorité premier première deuxième troisième dernier dernière nouveau
nouvelle nouveaux grand grande grands petit petite haut long court clair possible nécessaire important
importante principal principale général public publique privé économique culturel local central propre différent
différents commun spécial spécifique difficile facile rapide simple complet direct réel actuel suivant faire fait
dire dit donner donné voir vu prendre pris venir aller savoir pouvoir peut vouloir devoir doit trouver trouvé
mettre mis passer passé rester resté comprendre parler suivre vivre créer créé ouvrir ouvert lancer lancé
établir établi développer développé mettre œuvre appliquer coordonner appuyer protéger identifier enregistrer
informer accompagner former renforcer renforcé élargir faciliter promouvoir garantir
janvier février mars avril mai juin juillet août septembre octobre novembre décembre
un deux trois quatre cinq six sept huit neuf dix vingt cent mille million millions dizaines centaines milliers
moitié tiers quart pourcentage chiffre chiffres homme hommes femme personne gens fils fille filles père mère
frère voisins ami amis village ville villes capitale rue rues chemin terre terres champ champs montagne côte mer
île îles lac forêt pluie pluies tempête maison foyer foyers repas énergie argent prix compte banque entreprise
entreprises commerce bureau bureaux bâtiment siège espace salle équipe matériel ressource ressources service
opportunité opportunités problème problèmes solution solutions question questions idée idées histoire histoires
expérience expériences connaissance connaissances mot mots nom noms langue langues espagnol anglais français
créole traduction interprètes culture musique sport jeu film vidéo photo image livre lettre note article
nouvelles presse entretien témoignage témoignages voix vie mort maladie hôpital clinique médecin infirmière
médicaments`;

/** Content words of the seed corpus in Spanish records, most frequent first. */
export const ES_HARVEST = `personas méxico migración salvador guatemala honduras atención entre panamá centro jóvenes
nicaragua solo convenio costa estados rica campaña información migrantes vida años antes campañas desarrollo dos
empleo irregular recepción tarjeta trata binacional centroamérica darién hacia migratoria movilidad nacional
nacionales paso plan programa quienes regional sembrando temporal trámite unas unidos acuerdo aérea ambos apoyo
autobuses ciudad comunicación cooperación coordinación día días flujo futuro gobierno guatemalteca identidad
jornadas laboral laborales norte noviembre octubre oportunidades país protección regularización salud seguridad
trabajo tráfico vía agosto belice café centroamericana comunidades creó crisol diciembre documento documentos eran
espacios esquema falsas falta frontera fronteriza general gobiernos informe instituciones instituto jornada julio
libre locales marco medios mensajes modelo nicaragüenses países pandemia parte permite persona población prácticas
presidentes primer programas proyecto público pueden razas residencia retornadas secretaría servicio siete social
sociales territorio tierra tránsito unos vías visitante actividades adaptó además agentes agricultura alimentación
alimentan amplió ante anunciaron anunció atendió bajo básicos becas blancas cada cambios caña cancillería capacidad
cargo centroamericano centros chiapas cinco combina comité competencias comunidad comunitarias comunitarios
conducta conectá construyendo controlado controles convierte cortizo cosechas cuatro cumbre debía derechos después
destinatario dirección directamente directores directorio dominicana duplicidades échale edad ejemplo ellos
engaños entrada entradas entran este estudio evita explotación extranjeras extranjería extraordinaria
extrarregionales financiado fines flujos forma frente fronteras fuera fuerza ganas garantías gran gratuito grupos
guatemaltecas guatemalteco había habían hace hacer informados informar ingresaron inicio insumos internacional
jornaleros junio lanzó laurentino líderes línea llegan local lópez lugar madrugada marzo mediante mejor menores
menos mensual mensuales meses metodología mexicana migrar migratorias miles muchas múltiples municipales necesidad
nicaragüense niñez niños noticias nueva ofertas ofrece orientación pagar partir pasaje pasó peñas pequeños
permanencia permiso pesos piénsalo política ponele prensa primera propias protocolos provincia provisional puede
redes referencia regulares república requiere requisitos residentes resultados retorno riesgo riesgos sabía
sanitarios seguimiento según seis selva septiembre ser sureste sustituye técnica técnico tijuana times
trabajadores traficantes tras veces ventanillas visitar yocamino abogado abril abrió abrir abusos accede
acogieran acompañada acompañadas acompañamiento acompañar acordaron acreditado acreditar actitudes actualizó
actúan acuerdos adaptada adaptadas administración adolescentes agencia agilizar aglomeraciones agrícola
agrícolas agricultor agricultores ajusta albergues alcogal algún alinea alojados alojamiento alojarse alrededor
alta alternativas américa ampliación ampliado ana análisis anamorós andrés anunciado anunciarse anuncio apertura
aplicaban aplicada apoyado apoyos aprobaron árboles áreas arena arranque articular asfixia así asia aterrizan
atlapa atrajo aumenta aunque autoridad autoridades autorizada basadas basado base beca becario beliceñas
beliceños biométrica biométricos buena buenas busca buscó buses calendario cambio campeche canadá canales canciller
canoas capacitación capacitaciones capacitarse capital captura carga carlos carmen carnés casetas casos categoría
categorías causas ceibo celebraron cerca cerraron certifica certificación chaves cientos cifra cine circular
ciudadanía civil clara clínicas coalición cobraban cobros codesarrollo colmena colombia comisión comisiones
compañía complementa complementario complica componentes compras comprometieron comprometió concedían concretos
conecta conjunto connacionales conocer conocimientos consejo consejos considerar consideraría constituyó
construidas construyeron consular contaban contabilizó contenidos contexto continua continuidad contrapartes
contratación convenciones coordina coordinada coordinado coordinan corredor cortas corto costarricense
costarricenses costeñísima costo costos cotidiano creada creadas creados crecimiento crisis cruce cruzaban cruzado
cruzan cuadrados cuales cualquier cuarto cuauhtémoc cuerpo cumplía cumplir cuyo cuyos daba datos debe décadas
decena decenas decidan deja dejaba delegaciones delegados delito demanda demostrar denuncias depende deportadas
deportados derogación derogado desconocían desinformación desmentir desmontar detectar detenido detienen detonan
diagnóstico diario diferenciada difíciles difundían difundidos difundirla difusión dinero directa directas
diseñar diseñaron diseño disparó disruptiva divisas documentada donantes dónde dura durán ebrard económica
económico educativas ejecución ejecutado elevó ellas embajadores emergencia emigración emitieron empleos emprender
emprendimiento encargado encontró enfocó engaño enrique enrolamiento enseña entrar entregaba entrevistas esfuerzo
espacio española esparta esperaban estables estacional estaciones estado estadounidense estancia estancias estar
estatus evidencia evitado exige exigían exigió existentes exoneró experimentos expide explica expuestas exteriores
extraordinario facilitar familiares familias fase febrero fiable fijar firmaron firmó físicos focus fondos formado
foros fortaleció franja fraudulentos frutales frutas fue furgones ganadería gestión gestores gobernación
gobernanza gratuitas gualaca guatemaltecos guía haber habilitó hacen haría hay heraldo herramientas herrera
hidalgo higiene historias hogar hondureño hondureños hora horarios horas hubo humanitaria humanitarias`;

/** Content words of the seed corpus in English records, most frequent first. */
export const EN_HARVEST = `migration regional national people mexico migrants border children workers san guatemala
labour guidelines protection recruitment honduras migrant one registration countries its opened work belize
centres dominican trafficking centre costa rica foreign june ministry panama pedro salvador states sula support
action central december later local plan republic agencies america authorities framework guatemalan november
reception shelters state temporary vulnerable year consular data fair first health not together victims affairs
areas assessments asylum canada card conference contingency country during employers eta governance group
hurricanes information iota irregular led million mobility offices registered shelter south undocumented adopted
applications born care caribbean child civil communities comprehensive coordination employer four gave global
government guatemalans host human including institute law nationals prevention programme project referral region
reported returned returns secretariat september services set society stations status system two used when women
worker workshop against amnesty among april assistance belizean chiapas common corridor crisis cross darién days
declaration disaster displaced documents emergency employment farms february food foreigners haitian humanitarian
identification initiative institutions international jobs josé legal march measures medical meeting mexican
ministries months need needs networks officers partners permanent plans population presidency process public
received refugee report residence response seekers shared short signed site social standards technical three
tobago trinidad unaccompanied abroad address affected agricultural annual anti applicants approved arrivals
assessment built cards chihuahua close closed collective commission commissions control coordinated costs counted
created delivered detention displacement documented durable eight exposed extended facilities fees form forum
general haiti haitians held helps immigration indicators instruments inter july large late level links long made
may member members minimum mobile monitoring new number oaxaca offers office open operations ouanaminthe
participants peñita pilot planned platform point policies practice pre prepared presented private protect
published quebec ran rather refugees regardless regular repatriation reports rescued research resource rotating
route seasonal separated service sessions share six socio solutions southern spanish starting stranded study took
tool tracking training united using venezuelans vicente violence visa visitor worked across adapted adolescents
affecting agency agenda airport alone american anse application approached around arrangement assist authority
average avoids awareness became began belladère beyond binding borders brcs budget building bureau canadian
capacity carried cases category channel channels cluster coalition coffee colombia community compact completed
consultation cooperation coordinate corridors cost council covered criminal crises criteria cubans damaged danilo
database day department departure deportation deportations deported design diario director disasters district
drafted early economic embassy entered entire estimates every example exemption exploitation extra fall family
farmworkers fast files five flight flights flooded forced forums foundation free funded funding gives governments
granted groups growing guidance handled harmonise helped holders honduran hosted hundreds hygiene implementation
important include instance jamaica kept launched laundry learning legislation locally main malpasse managed market
minister missions model municipalities nationality nicaragua nine non north objectives observer official often
organisations organised orientation outreach own parents part per period permit phone pitres place planning police
possible press priority produced profile profiles progress protecting protocols provinces put quintana rebuilt
recruiting red refer register registrants registry regularization renewed reporting request required resources
responsibility return returnee reviewed roo roughly run rural safe scheme screened served several single situation
situations small smuggling space spain spread standing started statistics strengthen subnational supplies
supporting tabasco target tegucigalpa trained travel twice understanding unit until use valid valley vice virtual
week wider window within working works abuse academia accompany acknowledges actors added addressed admission adult
advance advice advocates africa agriculture aguilera aid air alberta aligned alliance allowed allows along
alternative ambassador amnesties analysis anew anjob announced answer antigua appeal applicant applied apply
applying appointment approach approaches approval approvals argentina arrive arrived article asia asked asks
assembling assessed assisted august away back backed backing bananas barriers based baseline batch bear belizeans
belongs benefit best binational biometric biometrically biosafety bitten blog board boat boats bodies bookings
booths bottleneck brazil bringing brings british budgets cabinet called calls campaign campeche candidates cannot
carry catholic cayo chain chaired change changing charge chat check checks choke choloma chosen circular
citizenship city ciudad civilian clean cleaning clearance clearly climate clinics closures coalitions collect
collected columbia committee communicating communication compatible complaint complement complete compound
conceived conditions conflict conflicts connected constitutional construction consulate context contexts
continuity contribution convening conversation cooperating coordinates coordinating counterpart counting course
court covering covers cracks credible crime criterion critics crossed crossings crowded cuauhtémoc dairy dajabón
dangerous deadline deceive decentralised decree dedicated define defined dehydrated demand depends deployed
deployment depth derived`;

/**
 * Institution names in Spanish as English and French texts cite them ("Guatemala's Instituto Guatemalteco
 * de Migración"), one phrase each; the generator drops one into some sentences of every language.
 */
export const INSTITUTION_PHRASES = [
  'Instituto Nacional de Migración',
  'Instituto Guatemalteco de Migración',
  'Dirección General de Migración y Extranjería',
  'Dirección General de Migración',
  'Servicio Nacional de Migración',
  'Instituto Nacional de Migración de Honduras',
  'Comisión Mexicana de Ayuda a Refugiados',
  'Conferencia Regional sobre Migración',
  'Consejo Nacional de Atención al Migrante de Guatemala',
  'Centro de Atención al Migrante Retornado',
];
